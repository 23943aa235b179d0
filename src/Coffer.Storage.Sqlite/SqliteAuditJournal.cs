using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Coffer.Core.Audit;
using Microsoft.Win32.SafeHandles;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The audit log's write-ahead file (<c>audit.journal</c> beside <c>audit.db</c>): a batch of sealed records is one
/// write and one fsync, far cheaper than a SQLite transaction that touches a table and two indexes. Each frame is the
/// record's canonical form (<see cref="AuditRecordFormat"/>) and its SHA-256, which is the record's own chain hash:
/// so a torn frame at the end (a crash during a write that was never acknowledged) is recognised and dropped.
/// </summary>
/// <remarks>
/// Frame: 4-byte big-endian payload length, the payload, the 32-byte hash. Every write ends with a zero length that
/// the next write overwrites, so reading stops at the end of the last durable batch, whatever older bytes lie beyond
/// (a batch that failed, or frames from before <see cref="Reset"/>). The file is written with zeros ahead of use:
/// overwriting allocated blocks makes each fsync a data write only, about half the cost of growing the file.
/// Not thread-safe: one appender.
/// </remarks>
internal sealed class SqliteAuditJournal : IDisposable
{
    private const int Interrupted = 4; // EINTR
    private const int MaxFrame = 1 << 20;
    private const int Preallocated = 8 << 20;
    private readonly FileStream _stream;
    private readonly SafeFileHandle _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _record = new(1024);

    private SqliteAuditJournal(FileStream stream, long length)
    {
        _stream = stream;
        _file = stream.SafeFileHandle;
        Length = length;
    }

    /// <summary>Bytes of whole, durable frames.</summary>
    public long Length { get; private set; }

    /// <summary>Opens (or creates) the journal and reads every whole frame in it, in order.</summary>
    public static SqliteAuditJournal Open(string path, out List<AuditRecord> records)
    {
        // Owner-only like the databases. Not locked against readers (an operator's grep, a backup): the data
        // directory's lock keeps a second writer out.
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        try
        {
            records = [];
            var length = ReadFrames(stream.SafeFileHandle, records);
            var size = RandomAccess.GetLength(stream.SafeFileHandle);
            if (size < Preallocated)
            {
                RandomAccess.Write(stream.SafeFileHandle, new byte[Preallocated - size], size);
                RandomAccess.FlushToDisk(stream.SafeFileHandle);
            }

            return new SqliteAuditJournal(stream, length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends the records and returns once they are on disk. On failure nothing of the batch counts.</summary>
    public void Append(IReadOnlyList<AuditRecord> records)
    {
        // A failed write is simply written over: its frames lie at or after Length, beyond the new end marker.
        _buffer.ResetWrittenCount();
        foreach (var record in records)
        {
            WriteFrame(record);
        }

        var frames = _buffer.WrittenCount;
        WriteEnd();
        RandomAccess.Write(_file, _buffer.WrittenSpan, Length);
        FlushData(_file);
        Length += frames;
    }

    /// <summary>Empties the journal once everything in it is safely elsewhere: the next batch starts at the top again.</summary>
    public void Reset()
    {
        _buffer.ResetWrittenCount();
        WriteEnd();
        RandomAccess.Write(_file, _buffer.WrittenSpan, 0);
        FlushData(_file);
        Length = 0;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// Makes what was written durable. On Linux <c>fdatasync</c> flushes the data and whatever metadata reading it back
    /// needs (a new size, should the file grow past what <see cref="Open"/> wrote ahead), but not the inode's new
    /// modification time, which <c>fsync</c> writes as a second synchronous I/O on every batch.
    /// </summary>
    private static void FlushData(SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var descriptor = (int)file.DangerousGetHandle();
            while (FDataSync(descriptor) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error != Interrupted)
                {
                    throw new IOException($"fdatasync of the audit journal failed (errno {error}).", error);
                }
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FDataSync(int descriptor);

    private void WriteEnd()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), 0);
        _buffer.Advance(4);
    }

    private void WriteFrame(AuditRecord record)
    {
        _record.ResetWrittenCount();
        AuditRecordFormat.Write(record, _record);
        var frame = _buffer.GetSpan(4 + _record.WrittenCount + SHA256.HashSizeInBytes);
        BinaryPrimitives.WriteInt32BigEndian(frame, _record.WrittenCount);
        _record.WrittenSpan.CopyTo(frame[4..]);
        if (record.Hash.Length != 2 * SHA256.HashSizeInBytes || Convert.FromHexString(record.Hash, frame[(4 + _record.WrittenCount)..], out _, out _) != OperationStatus.Done)
        {
            throw new ArgumentException("A journaled audit record must be sealed.", nameof(record));
        }

        _buffer.Advance(4 + _record.WrittenCount + SHA256.HashSizeInBytes);
    }

    private static long ReadFrames(SafeFileHandle file, List<AuditRecord> records)
    {
        var length = RandomAccess.GetLength(file);
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var count = RandomAccess.Read(file, bytes.AsSpan(read), read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        var offset = 0;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        while (read - offset >= 4)
        {
            var payload = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            if (payload <= 0 || payload > MaxFrame || read - offset - 4 < payload + SHA256.HashSizeInBytes)
            {
                break;
            }

            var body = bytes.AsSpan(offset + 4, payload);
            var stored = bytes.AsSpan(offset + 4 + payload, SHA256.HashSizeInBytes);
            SHA256.HashData(body, hash);
            if (!hash.SequenceEqual(stored) || AuditRecordFormat.Read(body, Convert.ToHexStringLower(stored)) is not { } record)
            {
                break;
            }

            records.Add(record);
            offset += 4 + payload + SHA256.HashSizeInBytes;
        }

        return offset;
    }
}
