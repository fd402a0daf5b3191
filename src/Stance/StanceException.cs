namespace Stance;

/// <summary>
/// A problem with the user's input (a file, a model, an option) that Stance explains in one line.
/// The command-line tool prints <see cref="Exception.Message"/> without a stack trace.
/// </summary>
public class StanceException : Exception
{
    /// <summary>
    /// The setting of the caller's options the problem is about, by its property name
    /// (<c>TextColumn</c>, <c>Strict</c>, <c>NormalizeLabels</c>...), or null. Lets a front end say
    /// which of its own flags or fields to change, in its own words; the message does not name them.
    /// </summary>
    public string? Setting { get; init; }

    /// <summary>A value for <see cref="Setting"/> that would fix the problem (a delimiter, a label list), or null.</summary>
    public string? Suggestion { get; init; }

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
