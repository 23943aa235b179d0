using System.Text.Json;
using Coffer.Api.Contracts.Audit;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;

namespace Coffer.Api.Audit;

/// <summary>
/// <c>coffer serve --audit-file PATH</c>: appends each durable record as one JSON line in Azure's <c>AuditEvent</c>
/// shape, for a log shipper to forward to a SIEM. The file is created owner-only and only ever appended to.
/// </summary>
internal sealed class AuditJsonLinesSink : IAuditSink, IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public AuditJsonLinesSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _file = new FileStream(path, options);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { Encoder = AuditJsonContext.Wire.Options.Encoder });
    }

    /// <summary>Called by the one writer loop only, so lines never interleave.</summary>
    public async ValueTask WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            JsonSerializer.Serialize(_json, AuditEventMapper.ToWire(record), AuditJsonContext.Wire.AuditEventRecord);
            await _json.FlushAsync(cancellationToken);
            _json.Reset();
            await _file.WriteAsync(NewLine, cancellationToken);
        }

        await _file.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }
}
