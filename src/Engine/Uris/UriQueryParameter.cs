namespace Libvirt.Engine.Uris
{
    public sealed class UriQueryParameter
    {
        public UriQueryParameter(string name, string value) { Name = name; Value = value; }
        public string Name { get; }
        public string Value { get; }
        public override string ToString() => Name + "=" + Value;
    }
}
