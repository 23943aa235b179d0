namespace Coffer.Core.Identity;

/// <summary>How a client proved itself, as the <c>appidacr</c> claim writes it.</summary>
public enum ClientAuthentication
{
    /// <summary>A public client (no credential); Coffer issues no such tokens.</summary>
    None = 0,

    /// <summary>A client secret.</summary>
    Secret = 1,

    /// <summary>A certificate (or, as Entra writes it for managed identities, a platform credential).</summary>
    Certificate = 2,
}
