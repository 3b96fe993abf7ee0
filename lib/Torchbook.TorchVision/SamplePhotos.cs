using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision;

/// <summary>One of the sample photos: its name (the file name without extension), what it shows, who made it, its licence.</summary>
public sealed record SamplePhoto(string Name, string FileName, string Description, string Credit, string License);

/// <summary>
/// Freely licensed sample photos from scikit-image and scikit-learn (astronaut, chelsea the cat,
/// coffee, camera, rocket, china, flower, ...), in <c>&lt;data folder&gt;/sample-photos</c>, where
/// <c>data-scripts/sample-photos.sh</c> puts them. <see cref="Load"/> reads one as a uint8
/// [channels, height, width] tensor with torchvision.io.read_image.
/// </summary>
public static class SamplePhotos
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "sample-photos";

    /// <summary>The script that fetches the photos, relative to the repository root.</summary>
    public static string Script => DataFolder.Script("sample-photos.sh");

    /// <summary>Every photo, with its credit and licence (the same list as the script's).</summary>
    public static IReadOnlyList<SamplePhoto> All { get; } =
    [
        new("astronaut", "astronaut.png", "Eileen Collins, NASA astronaut (512x512 RGB)", "NASA Great Images database, https://flic.kr/p/r9qvLn", "public domain"),
        new("camera", "camera.png", "a photographer with a camera (512x512 gray)", "Lav Varshney", "CC0"),
        new("coffee", "coffee.png", "a cup of coffee (400x600 RGB)", "Rachel Michetti, courtesy of Pikolo Espresso Bar", "CC0"),
        new("chelsea", "chelsea.png", "Chelsea the cat (300x451 RGB)", "Stefan van der Walt", "CC0"),
        new("rocket", "rocket.jpg", "launch of DSCOVR on a Falcon 9 (427x640 RGB)", "SpaceX, https://www.flickr.com/photos/spacexphotos/16511594820", "public domain"),
        new("hubble_deep_field", "hubble_deep_field.jpg", "Hubble eXtreme Deep Field (872x1000 RGB)", "NASA, HubbleSite release 2012-37", "public domain"),
        new("retina", "retina.jpg", "fundus photograph of a human retina (1411x1411 RGB)", "Mikael Häggström, https://commons.wikimedia.org/wiki/File:Fundus_photograph_of_normal_left_eye.jpg", "CC0 1.0"),
        new("coins", "coins.png", "Greek coins from Pompeii (303x384 gray)", "Brooklyn Museum Collection", "no known copyright restrictions"),
        new("clock_motion", "clock_motion.png", "a wall clock, blurred by camera motion (300x400 gray)", "Stefan van der Walt", "public domain"),
        new("horse", "horse.png", "silhouette of a horse (328x400 RGBA)", "Andreas Preuss (marauder), openclipart", "CC0"),
        new("brick", "brick.png", "a brick wall (512x512 gray)", "CC0Textures (Bricks25), transformed by scikit-image", "CC0"),
        new("grass", "grass.png", "grass (512x512 gray)", "linolafett, https://www.deviantart.com/linolafett/art/Grass-01-434853879", "CC0"),
        new("gravel", "gravel.png", "gravel (512x512 gray)", "CC0Textures (Gravel04), transformed by scikit-image", "CC0"),
        new("cell", "cell.png", "a cell floating in saline, quantitative phase image (660x550 gray)", "Paul Müller et al., Optics Express 26(8) 2018", "CC0"),
        new("microaneurysms", "microaneurysms.png", "detail of a retina with lesions (102x102 gray)", "Andreas Maier, High-Resolution Fundus (HRF) Image Database", "CC0"),
        new("text", "text.png", "text on a gray background, for corner detection (172x448 gray)", "https://en.wikipedia.org/wiki/File:Corner.png", "public domain"),
        new("ihc", "ihc.png", "immunohistochemical staining of colonic glands (512x512 RGB)", "Center for Microscopy And Molecular Imaging (CMMI)", "no known copyright restrictions"),
        new("china", "china.jpg", "a pagoda above a lake in China (427x640 RGB)", "danielbuechele, https://www.flickr.com/photos/danielbuechele/6061409035", "CC BY 2.0 (attribution required)"),
        new("flower", "flower.jpg", "an orange dahlia (427x640 RGB)", "vultilion, https://www.flickr.com/photos/vultilion/6056698931 (scikit-learn's README names danielbuechele)", "CC BY 2.0 (attribution required)"),
    ];

    /// <summary>
    /// Not a photo but 200 of them: scikit-image's lfw_subset.npy, which the script fetches with the photos
    /// (<see cref="FacesImageFolder"/> turns it into an image folder).
    /// </summary>
    public static SamplePhoto LfwSubset { get; } = new("lfw_subset", "lfw_subset.npy",
        "200 grey 25x25 crops from Labeled Faces in the Wild: 100 faces, then 100 of background (a numpy float64 array)",
        "Huang, Mattar, Lee and Learned-Miller, Labeled Faces in the Wild, http://vis-www.cs.umass.edu/lfw/ (the subset as scikit-image made it)",
        "no licence stated by LFW; shipped in scikit-image (BSD-3-Clause)");

    /// <summary>Every file the script fetches: the photos, then lfw_subset.npy.</summary>
    public static IReadOnlyList<SamplePhoto> Files { get; } = [.. All, LfwSubset];

    /// <summary>The photos' names, for <see cref="Load"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The folder that holds the photos: <c>root/sample-photos</c>, root defaulting to <see cref="DataFolder.Root"/>.</summary>
    public static string Folder(string? root = null) => Path.Combine(Path.GetFullPath(root ?? DataFolder.Root), FolderName);

    /// <summary>True when every file the script fetches is in the folder.</summary>
    public static bool Available(string? root = null) => Files.All(p => File.Exists(Path.Combine(Folder(root), p.FileName)));

    /// <summary>A photo's name, file, description, credit and licence.</summary>
    /// <exception cref="ArgumentException">no photo has that name (the message lists the names).</exception>
    public static SamplePhoto Info(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Path.GetFileNameWithoutExtension(name);
        return Files.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no sample photo named '{name}'. The sample photos are: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The path of a photo's file.</summary>
    /// <exception cref="FileNotFoundException">the photos have not been fetched (the message names the script to run).</exception>
    public static string PathOf(string name, string? root = null)
    {
        var photo = Info(name);
        var path = Path.Combine(Folder(root), photo.FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The sample photo '{photo.Name}' is not in {Folder(root)}. Fetch the sample photos first: run `bash {Script}` " +
                $"from the repository root (it writes to ${DataFolder.EnvironmentVariable}, or data/ at the repository root).", path);
        return path;
    }

    /// <summary>Reads a photo as a uint8 [channels, height, width] tensor (torchvision.io.read_image).</summary>
    public static Tensor Load(string name, torchvision.io.ImageReadMode mode = torchvision.io.ImageReadMode.UNCHANGED, string? root = null) =>
        torchvision.io.read_image(PathOf(name, root), mode);
}
