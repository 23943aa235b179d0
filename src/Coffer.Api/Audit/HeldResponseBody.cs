using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Coffer.Api.Audit;

/// <summary>
/// The response body while its audit record is not yet durable: everything the endpoint writes lands in one pooled
/// buffer, and nothing reaches the connection (flushes and <c>StartAsync</c> are no-ops, so the status line and headers
/// are not sent either) until <see cref="AuditMiddleware"/> releases it, or drops it for a 503. Bodies are small (a
/// secret is at most 25 KiB, a page 25 items), and this costs one copy, where a stream and a pipe over it cost several.
/// </summary>
/// <remarks>The buffer is cleared when returned to the pool: it may hold a secret value.</remarks>
internal sealed class HeldResponseBody : PipeWriter, IHttpResponseBodyFeature, IDisposable
{
    private const int InitialSize = 4096;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;
    private int _flushed;
    private Stream? _stream;

    /// <summary>What the endpoint wrote.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    public Stream Stream => _stream ??= AsStream(leaveOpen: true);

    public PipeWriter Writer => this;

    // System.Text.Json flushes whenever this passes its threshold and expects it to fall again: a flush holds what
    // was written as it is (nothing is sent) and counts it as flushed.
    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written - _flushed;

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _buffer.Length - _written);
        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        _flushed = _written;
        return ValueTask.FromResult(new FlushResult(false, false));
    }

    public override void CancelPendingFlush()
    {
        // Nothing is ever pending.
    }

    public override void Complete(Exception? exception = null)
    {
        // Completed by the middleware, which decides what is sent.
    }

    public void DisableBuffering()
    {
        // Everything is held until the record is durable, whatever the endpoint asks.
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public Task CompleteAsync() => Task.CompletedTask;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        _flushed = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = larger;
    }
}
