namespace Libvirt.Engine.Migration
{
    /// <summary>The value kinds of migration parameters; each has one codec (<see cref="Codecs.MigrationCodecs"/>).</summary>
    public enum MigrationValueKind
    {
        /// <summary>VIR_TYPED_PARAM_INT, a signed 32-bit integer.</summary>
        Int,
        /// <summary>VIR_TYPED_PARAM_UINT, an unsigned 32-bit integer.</summary>
        UInt,
        /// <summary>VIR_TYPED_PARAM_ULLONG, an unsigned 64-bit integer.</summary>
        ULLong,
        /// <summary>VIR_TYPED_PARAM_STRING.</summary>
        String,
        /// <summary>A multi-value key: VIR_TYPED_PARAM_STRING repeated once per value.</summary>
        StringList,
    }
}
