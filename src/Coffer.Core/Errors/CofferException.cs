namespace Coffer.Core.Errors;

/// <summary>
/// A failure with Key Vault's shape: an HTTP status, an error code, a message and an optional inner code.
/// Messages must never contain a secret value, key material or a token.
/// </summary>
public sealed class CofferException : Exception
{
    public CofferException(int status, string code, string message, string? innerCode = null)
        : base(message)
    {
        Status = status;
        Code = code;
        InnerCode = innerCode;
    }

    public int Status { get; }

    public string Code { get; }

    public string? InnerCode { get; }
}
