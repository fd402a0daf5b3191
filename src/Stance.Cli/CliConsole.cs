using System.Text;

namespace Stance.Cli;

/// <summary>
/// The streams and terminal facts a command uses, so that tests can run the whole CLI in process.
/// </summary>
/// <param name="Input">Standard input, as bytes (its text is decoded by the one rule of Stance.IO).</param>
/// <param name="Out">Standard output, for text.</param>
/// <param name="Error">Standard error.</param>
/// <param name="OutputIsTerminal">Whether standard output is an interactive terminal.</param>
/// <param name="ErrorIsTerminal">Whether standard error is an interactive terminal (progress bars are drawn only then).</param>
/// <param name="WorkingDirectory">What relative paths are resolved against.</param>
internal sealed record CliConsole(Stream Input, TextWriter Out, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal, string WorkingDirectory)
{
    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(
        Console.OpenStandardInput(),
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        Environment.CurrentDirectory);

    /// <summary>A console over strings, for tests and embedding.</summary>
    public static CliConsole ForText(string standardInput, TextWriter output, TextWriter error, string workingDirectory) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(standardInput)), output, error, OutputIsTerminal: false, ErrorIsTerminal: false, workingDirectory);

    /// <summary>Resolves a path given on the command line against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>
    /// Standard output as a byte stream, for outputs written as bytes (CSV): the process's own
    /// stream, or one that forwards to <see cref="Out"/> when it is not the console's.
    /// </summary>
    public Stream OpenOutputStream() =>
        ReferenceEquals(Out, Console.Out) ? Console.OpenStandardOutput() : new TextWriterStream(Out);

    /// <summary>Forwards UTF-8 bytes to a text writer (tests capture standard output as text).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            int written = _decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, written);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
