namespace Stance;

/// <summary>
/// A problem with the user's input (a file, a model, an option) that Stance explains in one line.
/// The command-line tool prints <see cref="Exception.Message"/> without a stack trace.
/// </summary>
public class StanceException : Exception
{
    public StanceException(string message)
        : base(message)
    {
    }

    public StanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A model file that is missing, damaged, of another kind or of an incompatible version.</summary>
public sealed class ModelLoadException : StanceException
{
    public ModelLoadException(string modelPath, string problem, Exception? innerException = null)
        : base($"{modelPath}: {problem}", innerException ?? new InvalidDataException(problem))
    {
        ModelPath = modelPath;
    }

    /// <summary>The model file that could not be loaded.</summary>
    public string ModelPath { get; }
}
