using System;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>The one place that maps a value kind to its codec.</summary>
    public static class MigrationCodecs
    {
        public static MigrationValueCodec Int { get; } = new IntCodec();
        public static MigrationValueCodec UInt { get; } = new UIntCodec();
        public static MigrationValueCodec ULLong { get; } = new ULLongCodec();
        public static MigrationValueCodec String { get; } = new StringCodec();
        public static MigrationValueCodec StringList { get; } = new StringListCodec();

        public static MigrationValueCodec For(MigrationValueKind kind) => kind switch
        {
            MigrationValueKind.Int => Int,
            MigrationValueKind.UInt => UInt,
            MigrationValueKind.ULLong => ULLong,
            MigrationValueKind.String => String,
            MigrationValueKind.StringList => StringList,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No codec for this migration value kind."),
        };
    }
}
