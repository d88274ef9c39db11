using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell
{
    /// <summary>What the generic cmdlet bases (Get-, New-, and those acting on objects) share: the kind they serve.</summary>
    public abstract class KindCmdlet<TObject, TIdentity> : LibvirtCmdlet where TObject : class, ILibvirtObject
    {
        /// <summary>The parameter set that selects objects by -Name, in every base.</summary>
        protected const string ByNameSet = "ByName";

        private protected KindCmdlet(ObjectKind<TObject, TIdentity> kind) { Kind = kind; }

        private protected ObjectKind<TObject, TIdentity> Kind { get; }

        private protected TIdentity IdentityOf(TObject item) => Kind.IdentityOf(item);
    }
}
