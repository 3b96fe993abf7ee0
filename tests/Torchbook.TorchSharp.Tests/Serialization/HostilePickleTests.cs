using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Pickles that would run code in Python are refused before anything is built.</summary>
public class HostilePickleTests
{
    [Fact]
    public void Every_hostile_fixture_is_refused_naming_the_global()
    {
        var refused = ModelFileFixtures.Refused().ToList();
        Assert.Equal(3, refused.Count);
        foreach (var (file, global) in refused)
        {
            string path = ModelFileFixtures.PathOf(file);
            var e = Assert.Throws<UnsafePickleException>(() => PyTorchFile.LoadObject(path));
            Assert.Equal(global, e.Refused);
            Assert.Equal(path, e.FilePath);
            Assert.Contains($"refusing to load '{global}' from {path}: only tensors and plain collections are allowed", e.Message);
        }
    }

    [Fact]
    public void The_message_matches_the_documented_wording()
    {
        byte[] zip = CraftedZip.MakeIn("model", ("data.pkl", new PickleBuilder().Global("os", "system").Str("touch pwned").Op((byte)0x85).Op('R').Stop()), ("version", CraftedZip.Version));
        var e = Assert.Throws<UnsafePickleException>(() => PyTorchFile.ReadObject(new MemoryStream(zip), "model.pth"));
        Assert.StartsWith("refusing to load 'os.system' from model.pth: only tensors and plain collections are allowed", e.Message);
        Assert.False(File.Exists("pwned"));
    }

    [Theory]
    [InlineData("posix", "system")]
    [InlineData("builtins", "exec")]
    [InlineData("__builtin__", "getattr")]
    [InlineData("subprocess", "Popen")]
    [InlineData("torch", "load")]
    [InlineData("torch.storage", "_load_from_bytes")]
    [InlineData("torch._utils", "_rebuild_qtensor")]
    [InlineData("numpy.core.multiarray", "scalar")]
    [InlineData("collections", "defaultdict")]
    public void Any_global_outside_the_whitelist_is_refused_even_deep_inside_a_state_dict(string module, string name)
    {
        byte[] pickle = new PickleBuilder().BeginDict()
            .Str("w").Tensor("0", 2, 0, [2], [1])
            .Str("x").Global(module, name).Op(')').Op('R')
            .EndDict().Stop();
        byte[] zip = CraftedZip.Make(("data.pkl", pickle), ("data/0", CraftedZip.Floats(1, 2)), ("version", CraftedZip.Version));
        var e = Assert.Throws<UnsafePickleException>(() => PyTorchFile.ReadObject(new MemoryStream(zip), "evil.pth"));
        Assert.Equal($"{module}.{name}", e.Refused);
    }

    [Theory]
    [InlineData((byte)0x81)] // NEWOBJ
    [InlineData((byte)0x92)] // NEWOBJ_EX
    [InlineData((byte)'i')]  // INST
    [InlineData((byte)'o')]  // OBJ
    [InlineData((byte)0x82)] // EXT1
    public void Opcodes_that_build_arbitrary_objects_are_refused(byte opcode)
    {
        byte[] pickle = new PickleBuilder().Global("collections", "OrderedDict").Op(')').Op(opcode).Stop();
        byte[] zip = CraftedZip.Make(("data.pkl", pickle), ("version", CraftedZip.Version));
        var e = Assert.Throws<UnsafePickleException>(() => PyTorchFile.ReadObject(new MemoryStream(zip), "evil.pth"));
        Assert.Contains("arbitrary Python object", e.Message);
    }

    [Fact]
    public void Calling_a_storage_class_directly_is_refused()
    {
        byte[] pickle = new PickleBuilder().Global("torch", "FloatStorage").Op(')').Op('R').Stop();
        byte[] zip = CraftedZip.Make(("data.pkl", pickle), ("version", CraftedZip.Version));
        var e = Assert.Throws<UnsafePickleException>(() => PyTorchFile.ReadObject(new MemoryStream(zip), "evil.pth"));
        Assert.Equal("torch.FloatStorage", e.Refused);
    }

    [Fact]
    public void Deeply_nested_tuple_keys_are_refused_instead_of_overflowing_the_stack()
    {
        var pickle = new PickleBuilder().Op('}').Op(')');
        for (int i = 0; i < 100_000; i++) pickle.Op((byte)0x85); // TUPLE1
        byte[] bytes = pickle.Str("value").Op('s').Stop();
        var e = Assert.Throws<ModelFileException>(() => PyTorchFile.ReadObject(new MemoryStream(CraftedZip.Make(("data.pkl", bytes))), "deep.pth"));
        Assert.Contains("nested more than 32 deep", e.Message);
    }

    [Fact]
    public void Huge_decimal_integers_are_refused()
    {
        var pickle = new PickleBuilder().Op('L');
        byte[] digits = System.Text.Encoding.ASCII.GetBytes(new string('9', 100_000) + "L\n");
        byte[] bytes = pickle.Unfinished().Concat(digits).Concat(new byte[] { (byte)'.' }).ToArray();
        var e = Assert.Throws<ModelFileException>(() => PyTorchFile.ReadObject(new MemoryStream(CraftedZip.Make(("data.pkl", bytes))), "big.pth"));
        Assert.Contains("more than 4300 digits", e.Message);
    }
}
