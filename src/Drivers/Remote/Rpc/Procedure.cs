using System;
using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// The description of one remote procedure: where it lives (program, version, number) and how its
    /// arguments are written and its reply read. The RPC client needs nothing else to call it.
    /// </summary>
    internal sealed class Procedure<TArgs, TReply>
    {
        public Procedure(string name, uint program, int number, Action<XdrWriter, TArgs> writeArgs, Func<XdrReader, TReply> readReply)
        {
            Name = name;
            Program = program;
            Number = number;
            WriteArgs = writeArgs;
            ReadReply = readReply;
        }

        /// <summary>A procedure named by its program's enum of procedure numbers (REMOTE_PROC_* as RemoteProcedure).</summary>
        public Procedure(uint program, Enum number, Action<XdrWriter, TArgs> writeArgs, Func<XdrReader, TReply> readReply)
            : this(number.ToString(), program, Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture), writeArgs, readReply)
        {
        }

        public string Name { get; }
        public uint Program { get; }
        public uint Version => Programs.Version1;
        public int Number { get; }
        public Action<XdrWriter, TArgs> WriteArgs { get; }
        public Func<XdrReader, TReply> ReadReply { get; }

        public override string ToString() => $"{Name} ({Number})";
    }

    /// <summary>The value of a void argument or reply.</summary>
    internal readonly struct None
    {
        public static readonly None Value = default;

        /// <summary>Writes nothing: the argument of a procedure that takes none.</summary>
        public static void Write(XdrWriter w, None _) { }

        /// <summary>Reads nothing: the reply of a procedure that returns none.</summary>
        public static None Read(XdrReader r) => Value;
    }
}
