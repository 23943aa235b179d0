namespace Coffer.Core.Alerts;

/// <summary>Delivers a fired alert to its rule's webhook (the HTTP sender lives in the server, not in Core).</summary>
public interface IAlertSender
{
    /// <summary>True once the receiver accepted the notification (after the sender's own bounded retries); false when it never did.</summary>
    Task<bool> SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
