using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>Source-generated serializers for the management API's ARM contracts.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RoleAssignment))]
[JsonSerializable(typeof(RoleAssignmentCreateParameters))]
[JsonSerializable(typeof(ArmListResult<RoleAssignment>))]
[JsonSerializable(typeof(RoleDefinition))]
[JsonSerializable(typeof(ArmListResult<RoleDefinition>))]
[JsonSerializable(typeof(Vault))]
[JsonSerializable(typeof(ArmListResult<Vault>))]
[JsonSerializable(typeof(VaultAccessPolicyParameters))]
[JsonSerializable(typeof(DeletedVault))]
[JsonSerializable(typeof(ArmListResult<DeletedVault>))]
[JsonSerializable(typeof(ManagementLockObject))]
[JsonSerializable(typeof(ArmListResult<ManagementLockObject>))]
[JsonSerializable(typeof(AlertRuleResource))]
[JsonSerializable(typeof(ArmListResult<AlertRuleResource>))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext
{
    public static ManagementJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
