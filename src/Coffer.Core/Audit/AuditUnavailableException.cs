namespace Coffer.Core.Audit;

/// <summary>The audit record of a request could not be made durable, so the request must be refused.</summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
        : base("The audit log could not be written.")
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(Exception innerException)
        : base("The audit log could not be written.", innerException)
    {
    }

    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
