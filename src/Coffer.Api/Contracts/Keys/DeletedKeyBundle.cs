using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>DeletedKeyBundle</c>.</summary>
internal sealed class DeletedKeyBundle : KeyBundle
{
    [JsonPropertyName("recoveryId")]
    public string? RecoveryId { get; set; }

    [JsonPropertyName("scheduledPurgeDate")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? ScheduledPurgeDate { get; set; }

    [JsonPropertyName("deletedDate")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? DeletedDate { get; set; }
}
