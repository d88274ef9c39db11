namespace Libvirt.PowerShell
{
    /// <summary>
    /// Where each cmdlet's help page is published: the cmdlets' HelpUri (Get-Help -Online) and the
    /// "online version" of docs/help/*.md point here, and the help tests check that they agree.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Base = "https://github.com/libvirt-powershell/Libvirt/blob/main/docs/help/";
    }
}
