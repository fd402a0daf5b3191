namespace Stance.IO.Files;

/// <summary>
/// The temporary files of outputs not yet committed. They are removed when their output is
/// disposed; this list also removes them when the process exits before that (a signal whose
/// handler ends the process, an unhandled exception), so that no hidden temporary file is left.
/// </summary>
public static class PendingFiles
{
    private static readonly HashSet<string> Files = [];

    static PendingFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    /// <summary>Registers a temporary file (done by <see cref="OutputTarget"/>; training's own temporary folders use it too).</summary>
    public static void Add(string path)
    {
        lock (Files)
        {
            Files.Add(path);
        }
    }

    /// <summary>Forgets a file that has been renamed into place.</summary>
    public static void Remove(string path)
    {
        lock (Files)
        {
            Files.Remove(path);
        }
    }

    /// <summary>Deletes a temporary file (or folder) and forgets it; best effort.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort: a hidden temporary file left behind is never mistaken for output.
        }
        catch (UnauthorizedAccessException)
        {
        }

        Remove(path);
    }

    /// <summary>Deletes every registered file.</summary>
    public static void DeleteAll()
    {
        string[] files;
        lock (Files)
        {
            files = [.. Files];
        }

        foreach (string file in files)
        {
            Delete(file);
        }
    }
}
