using System;
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
        /// <summary>
        /// True when the document declares a DTD (&lt;!DOCTYPE&gt; before its root element). Told from the prolog's
        /// text alone, so nothing of the DTD is read; comments and processing instructions are skipped.
        /// </summary>
        public static bool DeclaresDocumentType(string text)
        {
            var i = 0;
            while (true)
            {
                while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')) i++;
                if (i >= text.Length || text[i] != '<') return false;
                if (string.CompareOrdinal(text, i, "<!DOCTYPE", 0, 9) == 0) return true;
                string? end = string.CompareOrdinal(text, i, "<?", 0, 2) == 0 ? "?>" : string.CompareOrdinal(text, i, "<!--", 0, 4) == 0 ? "-->" : null;
                if (end == null) return false; // the root element: no DTD can follow
                var close = text.IndexOf(end, i + 2, StringComparison.Ordinal);
                if (close < 0) return false;
                i = close + end.Length;
            }
        }

        /// <summary>The one refusal of a document with a DTD, whoever finds it.</summary>
        public static LibvirtException DtdRefused(string what) =>
            new LibvirtException(ErrorCode.XmlError, ErrorDomain.Xml, $"XML error in {what}: a DTD (<!DOCTYPE>) is refused; nothing here expands one.");

        public static XDocument Parse(string text, string what)
        {
            if (DeclaresDocumentType(text)) throw DtdRefused(what);
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
                // libvirt reports a document that does not parse as XML_DETAIL, naming what it was reading.
                throw new LibvirtException(ErrorCode.XmlDetail, ErrorDomain.Xml, $"({what.Replace(' ', '_')}):{ex.LineNumber}: {ex.Message}", ex);
            }
        }
    }
}
