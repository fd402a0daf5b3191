using System.Text;

namespace Stance.IO.Text;

/// <summary>
/// The one rule by which Stance reads text (lines on standard input, articles, CSV): UTF-8, with
/// or without a byte order mark; UTF-16 only with its byte order mark. Anything else (invalid
/// UTF-8, UTF-16 without a byte order mark, binary data) is refused with a one-line error naming
/// the input and the line, never silently replaced.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// Why <paramref name="start"/> (the first bytes of an input) is not text Stance reads, or null;
    /// <paramref name="line"/> is the line (from 1) the problem is on.
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> start, out long line)
    {
        line = 1;
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return null;
        }

        int nul = start.IndexOf((byte)0);
        if (nul < 0)
        {
            return null;
        }

        if (LooksLikeUtf16WithoutBom(start))
        {
            return "looks like UTF-16 text without a byte order mark; save it as UTF-8";
        }

        line = 1 + start[..nul].Count((byte)'\n');
        return $"binary data (a NUL byte at offset {nul}), not text";
    }

    /// <summary>
    /// Whether <paramref name="start"/> looks like UTF-16 without a byte order mark: nearly every
    /// other byte (odd offsets for little endian, even for big endian) is zero, the others are not.
    /// </summary>
    public static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> start)
    {
        int pairs = start.Length / 2;
        int zerosEven = 0;
        int zerosOdd = 0;
        for (int i = 0; i + 1 < start.Length; i += 2)
        {
            zerosEven += start[i] == 0 ? 1 : 0;
            zerosOdd += start[i + 1] == 0 ? 1 : 0;
        }

        return pairs >= 2 && Math.Max(zerosEven, zerosOdd) * 10 >= pairs * 8 && Math.Min(zerosEven, zerosOdd) * 10 <= pairs;
    }

    /// <summary>
    /// The text of <paramref name="bytes"/> when they start with a UTF-16 byte order mark (little
    /// or big endian), decoded strictly; null for any other input.
    /// </summary>
    /// <exception cref="StanceException">The UTF-16 is malformed (an odd length, a lone surrogate).</exception>
    public static string? DecodeUtf16WithBom(ReadOnlySpan<byte> bytes, string name)
    {
        bool little = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);
        if (!little && !bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        try
        {
            return new UnicodeEncoding(bigEndian: !little, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes[2..]);
        }
        catch (DecoderFallbackException e)
        {
            throw new StanceException($"{name}: not valid UTF-16 text (at byte offset {2 + (e.Index < 0 ? 0 : e.Index)}); save it as UTF-8", e);
        }
    }

    /// <summary>A reader of lines that applies the rule; its errors name <paramref name="name"/> and the line.</summary>
    public static LineReader OpenLines(Stream stream, string name) => new(stream, name);

    /// <summary>Reads lines under the rule, counting them for error messages.</summary>
    public sealed class LineReader : IDisposable
    {
        private readonly BufferedStream _stream;
        private readonly StreamReader _reader;
        private readonly string _name;
        private bool _checked;

        internal LineReader(Stream stream, string name)
        {
            _stream = new BufferedStream(stream, 1 << 16);
            _reader = new StreamReader(_stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
            _name = name;
        }

        /// <summary>The number of lines read so far.</summary>
        public long Line { get; private set; }

        /// <summary>The next line without its line break, or null at the end.</summary>
        public string? ReadLine()
        {
            if (!_checked)
            {
                _checked = true;
                Span<byte> start = stackalloc byte[512];
                int read = Peek(start);
                if (Problem(start[..read], out long line) is { } problem)
                {
                    throw new StanceException($"{_name}:{line}: {problem}");
                }
            }

            try
            {
                string? line = _reader.ReadLine();
                if (line is not null)
                {
                    Line++;
                    if (line.Contains('\0'))
                    {
                        throw new StanceException($"{_name}:{Line}: binary data (a NUL character), not text");
                    }
                }

                return line;
            }
            catch (DecoderFallbackException e)
            {
                throw new StanceException($"{_name}:{Line + 1}: invalid UTF-8 bytes; save the text as UTF-8", e);
            }
        }

        /// <summary>Every line, in order.</summary>
        public IEnumerable<string> ReadAll()
        {
            while (ReadLine() is { } line)
            {
                yield return line;
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _stream.Dispose();
        }

        private int Peek(Span<byte> destination)
        {
            // BufferedStream cannot push back: fill its buffer and read the start without consuming it.
            int total = 0;
            if (_stream.UnderlyingStream.CanSeek)
            {
                long position = _stream.Position;
                while (total < destination.Length && _stream.Read(destination[total..]) is var n and > 0)
                {
                    total += n;
                }

                _stream.Position = position;
                return total;
            }

            // A pipe: peek through the reader's own buffer instead (the check then sees only ASCII-safe characters).
            return 0;
        }
    }
}
