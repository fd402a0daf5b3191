namespace Stance.IO.Files;

/// <summary>
/// Writes a file under a temporary name beside its target and renames it into place only when
/// <see cref="Commit"/> is called. After a failure or a cancellation no file exists under the
/// target name, and a previous file of that name is left untouched.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFile(string targetPath)
    {
        TargetPath = Path.GetFullPath(targetPath);
        string directory = Path.GetDirectoryName(TargetPath)!;
        if (!Directory.Exists(directory))
        {
            throw new StanceException($"{targetPath}: the directory {directory} does not exist");
        }

        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(TargetPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public string TargetPath { get; }

    public string TemporaryPath { get; }

    /// <summary>The stream to write the content to.</summary>
    public Stream Stream => _stream;

    public static AtomicFile Create(string targetPath)
    {
        try
        {
            return new AtomicFile(targetPath);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StanceException($"{targetPath}: cannot write here (permission denied)", e);
        }
    }

    /// <summary>Flushes the content to disk and renames the temporary file to the target name.</summary>
    public void Commit()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(TemporaryPath, TargetPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (IOException)
            {
                // Best effort: a temporary file left behind is hidden and never mistaken for output.
            }
        }
    }
}
