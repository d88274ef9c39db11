namespace Libvirt.Engine.TypedParameters
{
    /// <summary>libvirt's virTypedParameterType (the union discriminant on the wire).</summary>
    public enum TypedParameterType
    {
        Int = 1,
        UInt = 2,
        LLong = 3,
        ULLong = 4,
        Double = 5,
        Boolean = 6,
        String = 7,
    }
}
