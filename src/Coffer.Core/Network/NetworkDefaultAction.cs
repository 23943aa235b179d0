namespace Coffer.Core.Network;

/// <summary>Azure's <c>networkAcls.defaultAction</c>: what happens to a caller no rule names.</summary>
public enum NetworkDefaultAction
{
    /// <summary>Every address may call (the firewall is off); the default.</summary>
    Allow,

    /// <summary>Only addresses inside an IP rule may call.</summary>
    Deny,
}
