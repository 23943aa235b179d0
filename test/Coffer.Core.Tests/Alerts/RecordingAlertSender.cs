using Coffer.Core.Alerts;

namespace Coffer.Core.Tests.Alerts;

/// <summary>Keeps every notification it is given; answers <see cref="Accepts"/> (a webhook that is up, or down).</summary>
internal sealed class RecordingAlertSender : IAlertSender
{
    public List<AlertNotification> Sent { get; } = [];

    public bool Accepts { get; set; } = true;

    public Task<bool> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Sent.Add(notification);
        return Task.FromResult(Accepts);
    }
}
