using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Audit;

[JsonSerializable(typeof(AuditEventRecord))]
[JsonSerializable(typeof(ListResult<AuditEventRecord>))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
    /// <summary>The audit records' wire form, for the query endpoint and the JSON-lines file alike (nulls left out).</summary>
    public static AuditJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
