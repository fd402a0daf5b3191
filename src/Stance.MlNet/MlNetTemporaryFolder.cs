using Microsoft.ML;

namespace Stance.MlNet;

/// <summary>
/// A folder of this process for the <c>ml_dotnet_*</c> folders ML.NET creates while it saves or
/// loads a model: removed when the work is done, and when the process exits early (a signal that
/// cancels the work, an error), so that no temporary folder is ever left in the system's temp folder.
/// </summary>
internal sealed class MlNetTemporaryFolder : IDisposable
{
    private static readonly HashSet<string> Open = [];

    static MlNetTemporaryFolder() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    private MlNetTemporaryFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the folder and points <paramref name="ml"/>'s temporary files into it.</summary>
    public static MlNetTemporaryFolder For(MLContext ml)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stance-mlnet-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        lock (Open)
        {
            Open.Add(path);
        }

        ml.TempFilePath = path;
        return new MlNetTemporaryFolder(path);
    }

    public void Dispose() => Delete(Path);

    private static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        lock (Open)
        {
            Open.Remove(path);
        }
    }

    private static void DeleteAll()
    {
        string[] paths;
        lock (Open)
        {
            paths = [.. Open];
        }

        foreach (string path in paths)
        {
            Delete(path);
        }
    }
}
