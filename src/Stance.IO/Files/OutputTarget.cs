using System.Text;

namespace Stance.IO.Files;

/// <summary>
/// Where an output goes, written so that nothing is ever half-written. A regular file (or a new
/// one) is written under a short hidden temporary name beside it and renamed over it only by
/// <see cref="Commit"/>: after a failure or a cancellation the target holds its previous content
/// (or does not exist) and the temporary file is removed. A symbolic link to a regular file keeps
/// the link and replaces the file it points to. Something that is not a regular file (a device
/// such as <c>/dev/null</c> or <c>/dev/full</c>, a FIFO, a terminal, standard output) cannot be
/// renamed over: it is written directly. Write errors (a full disk) are reported with the path.
/// </summary>
public sealed class OutputTarget : IDisposable
{
    /// <summary>The longest file name most file systems take, in bytes of UTF-8.</summary>
    private const int MaxNameBytes = 255;

    private readonly Stream _inner;
    private readonly bool _ownsInner;
    private bool _committed;
    private bool _disposed;

    private OutputTarget(string displayName, string targetPath, string? temporaryPath, Stream inner, bool ownsInner)
    {
        DisplayName = displayName;
        TargetPath = targetPath;
        TemporaryPath = temporaryPath;
        _inner = inner;
        _ownsInner = ownsInner;
        Stream = new ReportingStream(inner, displayName);
        if (temporaryPath is not null)
        {
            PendingFiles.Add(temporaryPath);
        }
    }

    /// <summary>The path the user gave (or <c>standard output</c>), for messages.</summary>
    public string DisplayName { get; }

    /// <summary>The file that receives the output: the target, or the regular file a link points to.</summary>
    public string TargetPath { get; }

    /// <summary>The hidden temporary file for an atomic write, or null when the target is written directly.</summary>
    public string? TemporaryPath { get; }

    /// <summary>Whether the output is renamed into place by <see cref="Commit"/> (regular files) rather than written directly.</summary>
    public bool IsAtomic => TemporaryPath is not null;

    /// <summary>The stream to write the content to; its write errors name the target.</summary>
    public Stream Stream { get; }

    /// <summary>
    /// Why <paramref name="path"/> cannot be written, or null when it can be: its directory is
    /// missing, it is a directory, or its name is too long. Checked before any work is done.
    /// </summary>
    public static string? Problem(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return "is a directory; give a file name";
        }

        string name = Path.GetFileName(full);
        if (name.Length == 0)
        {
            return "is a directory; give a file name";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return $"the file name is too long ({Encoding.UTF8.GetByteCount(name)} bytes; at most {MaxNameBytes})";
        }

        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            return $"the directory {directory} does not exist";
        }

        return null;
    }

    /// <summary>Opens <paramref name="path"/> for writing (see the class remarks for how).</summary>
    /// <exception cref="StanceException">The path cannot be written.</exception>
    public static OutputTarget Create(string path)
    {
        string full = Path.GetFullPath(path);
        if (Problem(full) is { } problem)
        {
            throw new StanceException($"{path}: {problem}");
        }

        try
        {
            FileSystemInfo? final = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) ?? new FileInfo(full) : null;
            string target = final?.FullName ?? full;
            if (final is not null && !IsRegularFile(target))
            {
                // A device, FIFO, socket or terminal: there is nothing to rename over; write to it.
                var direct = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
                return new OutputTarget(path, target, null, direct, ownsInner: true);
            }

            string directory = Path.GetDirectoryName(target)!;
            string temporary = Path.Combine(directory, $".stance-{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return new OutputTarget(path, target, temporary, stream, ownsInner: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StanceException($"{path}: cannot write here (permission denied)", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new StanceException($"{path}: cannot write here ({e.Message})", e);
        }
    }

    /// <summary>An output to an open stream, such as standard output: written directly, never closed here.</summary>
    public static OutputTarget ForStream(Stream stream, string displayName) => new(displayName, displayName, null, stream, ownsInner: false);

    /// <summary>
    /// Completes the output: flushes it (to disk, for files) and, for an atomic write, renames the
    /// temporary file over the target.
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Stream.Flush();
        if (_inner is FileStream file)
        {
            Report(() => file.Flush(flushToDisk: true), DisplayName);
        }

        if (TemporaryPath is not null)
        {
            _inner.Dispose();
            File.Move(TemporaryPath, TargetPath, overwrite: true);
            PendingFiles.Remove(TemporaryPath);
        }

        _committed = true;
    }

    /// <summary>Closes the output; an uncommitted atomic write is discarded and its temporary file removed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsInner)
        {
            try
            {
                _inner.Dispose();
            }
            catch (IOException) when (!_committed)
            {
                // Closing flushes; on a full disk that fails, and the output is being discarded anyway.
            }
        }

        if (!_committed && TemporaryPath is not null)
        {
            PendingFiles.Delete(TemporaryPath);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a regular file (not a device, FIFO or socket).</summary>
    private static bool IsRegularFile(string path)
    {
        return OperatingSystem.IsWindows() || FileStatus.IsRegular(path);
    }

    private static void Report(Action action, string name)
    {
        try
        {
            action();
        }
        catch (IOException e)
        {
            throw new StanceException($"{name}: cannot write: {e.Message}", e);
        }
    }

    /// <summary>Turns write errors into one-line errors that name the output.</summary>
    private sealed class ReportingStream(Stream inner, string name) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => Report(inner.Flush, name);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (IOException e)
            {
                throw new StanceException($"{name}: cannot write: {e.Message}", e);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            // The target owns the inner stream.
        }
    }
}
