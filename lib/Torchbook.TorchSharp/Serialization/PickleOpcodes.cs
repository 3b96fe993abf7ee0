namespace TorchSharp.Serialization;

/// <summary>The pickle opcodes (Python's pickle module, protocols 0 to 5) that the restricted
/// unpickler and the .pth writer deal with, by their Python names.</summary>
static class PickleOpcodes
{
    public const byte MARK = (byte)'(';
    public const byte STOP = (byte)'.';
    public const byte POP = (byte)'0';
    public const byte POP_MARK = (byte)'1';
    public const byte DUP = (byte)'2';
    public const byte FLOAT = (byte)'F';
    public const byte INT = (byte)'I';
    public const byte BININT = (byte)'J';
    public const byte BININT1 = (byte)'K';
    public const byte LONG = (byte)'L';
    public const byte BININT2 = (byte)'M';
    public const byte NONE = (byte)'N';
    public const byte PERSID = (byte)'P';
    public const byte BINPERSID = (byte)'Q';
    public const byte REDUCE = (byte)'R';
    public const byte STRING = (byte)'S';
    public const byte BINSTRING = (byte)'T';
    public const byte SHORT_BINSTRING = (byte)'U';
    public const byte UNICODE = (byte)'V';
    public const byte BINUNICODE = (byte)'X';
    public const byte APPEND = (byte)'a';
    public const byte BUILD = (byte)'b';
    public const byte GLOBAL = (byte)'c';
    public const byte DICT = (byte)'d';
    public const byte EMPTY_DICT = (byte)'}';
    public const byte APPENDS = (byte)'e';
    public const byte GET = (byte)'g';
    public const byte BINGET = (byte)'h';
    public const byte INST = (byte)'i';
    public const byte LONG_BINGET = (byte)'j';
    public const byte LIST = (byte)'l';
    public const byte EMPTY_LIST = (byte)']';
    public const byte OBJ = (byte)'o';
    public const byte PUT = (byte)'p';
    public const byte BINPUT = (byte)'q';
    public const byte LONG_BINPUT = (byte)'r';
    public const byte SETITEM = (byte)'s';
    public const byte TUPLE = (byte)'t';
    public const byte EMPTY_TUPLE = (byte)')';
    public const byte SETITEMS = (byte)'u';
    public const byte BINFLOAT = (byte)'G';
    // Protocol 2
    public const byte PROTO = 0x80;
    public const byte NEWOBJ = 0x81;
    public const byte EXT1 = 0x82;
    public const byte EXT2 = 0x83;
    public const byte EXT4 = 0x84;
    public const byte TUPLE1 = 0x85;
    public const byte TUPLE2 = 0x86;
    public const byte TUPLE3 = 0x87;
    public const byte NEWTRUE = 0x88;
    public const byte NEWFALSE = 0x89;
    public const byte LONG1 = 0x8a;
    public const byte LONG4 = 0x8b;
    // Protocol 3
    public const byte BINBYTES = (byte)'B';
    public const byte SHORT_BINBYTES = (byte)'C';
    // Protocol 4
    public const byte SHORT_BINUNICODE = 0x8c;
    public const byte BINUNICODE8 = 0x8d;
    public const byte BINBYTES8 = 0x8e;
    public const byte EMPTY_SET = 0x8f;
    public const byte ADDITEMS = 0x90;
    public const byte FROZENSET = 0x91;
    public const byte NEWOBJ_EX = 0x92;
    public const byte STACK_GLOBAL = 0x93;
    public const byte MEMOIZE = 0x94;
    public const byte FRAME = 0x95;
    // Protocol 5
    public const byte BYTEARRAY8 = 0x96;
    public const byte NEXT_BUFFER = 0x97;
    public const byte READONLY_BUFFER = 0x98;

    public static string NameOf(byte opcode)
    {
        foreach (var field in typeof(PickleOpcodes).GetFields())
            if (field.IsLiteral && field.FieldType == typeof(byte) && (byte)field.GetValue(null)! == opcode)
                return field.Name;
        return $"0x{opcode:x2}";
    }
}
