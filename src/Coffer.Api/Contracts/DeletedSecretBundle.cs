using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>DeletedSecretBundle</c>.</summary>
internal sealed class DeletedSecretBundle : SecretBundle
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
