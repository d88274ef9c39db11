using System.IO;
using System.Xml;
using System.Xml.Linq;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// Loads XML from users and daemons without expanding DTDs or resolving external entities, so a domain
    /// definition can never read local files or reach the network.
    /// </summary>
    public static class SafeXml
    {
        public static XDocument Parse(string text, string what)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 0,
            };
            try
            {
                using (var reader = XmlReader.Create(new StringReader(text), settings))
                    return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
            }
            catch (XmlException ex)
            {
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Xml, $"XML error in {what}: {ex.Message}", ex);
            }
        }
    }
}
