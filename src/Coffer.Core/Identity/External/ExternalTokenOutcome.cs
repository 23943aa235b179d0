namespace Coffer.Core.Identity.External;

/// <summary>What <see cref="ExternalIssuers"/> made of a token.</summary>
public enum ExternalTokenOutcome
{
    /// <summary>The token does not come from a trusted external issuer; Coffer's own rules apply.</summary>
    NotExternal,

    Valid,

    Invalid,
}
