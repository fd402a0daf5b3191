using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using CsvHelper;

namespace Stance.IO.Csv;

/// <summary>
/// The one CSV reader of Stance: streams the records of a file with a header row through CsvHelper,
/// and turns every problem (bad quoting, ragged rows, invalid UTF-8, a missing or repeated column)
/// into a <see cref="CsvInputException"/> that names the file, line and column.
/// </summary>
public sealed partial class CsvTableReader : IDisposable
{
    private static readonly char[] OtherDelimiters = [';', '\t', '|', ','];

    private readonly CsvReader _reader;
    private readonly Queue<CsvMalformedRecord> _malformed = new();
    private readonly long _length;
    private Dictionary<string, int> _index = [];

    private CsvTableReader(string path, CsvFormat format, Stream? stream)
    {
        Path = path;
        Format = format;
        _length = stream is null ? new FileInfo(path).Length : stream.CanSeek ? stream.Length : 0;
        var options = new CsvReaderOptions
        {
            Separator = format.Delimiter,
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            TrackLineNumbers = true,
            OnMalformedRecord = record => _malformed.Enqueue(record),
            MaxRecordSize = MaxRecordBytes,

            // A blank line is a record with an empty text in a one-column file (so output rows stay
            // aligned with input rows), and nothing in a file of several columns.
            SkipEmptyLines = false,
        };
        _reader = stream is null ? CsvReader.FromFile(path, options) : CsvReader.Create(stream, options, leaveOpen: true);
    }

    /// <summary>The largest CSV record read, in bytes (documented limit): a longer one is refused, so memory stays bounded.</summary>
    public const int MaxRecordBytes = 16 << 20;

    public string Path { get; }

    public CsvFormat Format { get; }

    /// <summary>The header names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];

    /// <summary>The 1-based line where the current record starts.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>How far into the file the reader is, from 0 to 1, for progress bars (0 for a stream of unknown length).</summary>
    public double Progress => _length == 0 ? 0 : Math.Clamp((double)_reader.ByteOffset / _length, 0, 1);

    /// <summary>Opens a CSV file and checks its header.</summary>
    /// <exception cref="CsvInputException">The file is missing or empty, or its header is unusable.</exception>
    public static CsvTableReader Open(string path, CsvFormat format)
    {
        if (!File.Exists(path))
        {
            throw new CsvInputException(path, 0, null, Directory.Exists(path) ? "is a directory, not a CSV file" : "file not found");
        }

        CheckStart(path, File.OpenRead(path));
        return Start(new CsvTableReader(path, format, null));
    }

    /// <summary>Reads CSV from a stream (standard input, say), named <paramref name="name"/> in errors; the stream stays open.</summary>
    /// <exception cref="CsvInputException">The input is empty or its header is unusable.</exception>
    public static CsvTableReader Open(Stream stream, string name, CsvFormat format)
    {
        if (stream.CanSeek)
        {
            long position = stream.Position;
            CheckStart(name, stream, leaveOpen: true);
            stream.Position = position;
        }
        else
        {
            // A pipe: read its start, check it, and hand the reader the start followed by the rest.
            var start = new byte[512];
            int read = 0;
            while (read < start.Length && stream.Read(start, read, start.Length - read) is var n and > 0)
            {
                read += n;
            }

            Check(name, start.AsSpan(0, read));
            stream = new Text.PrefixedStream(start.AsMemory(0, read), stream);
        }

        return Start(new CsvTableReader(name, format, stream));
    }

    /// <summary>The text rule of <see cref="Text.TextInput"/>: UTF-16 without a byte order mark and binary data are refused at once.</summary>
    private static void CheckStart(string name, Stream stream, bool leaveOpen = false)
    {
        try
        {
            Span<byte> start = stackalloc byte[512];
            int read = 0;
            while (read < start.Length && stream.Read(start[read..]) is var n and > 0)
            {
                read += n;
            }

            Check(name, start[..read]);
        }
        finally
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }
        }
    }

    private static void Check(string name, ReadOnlySpan<byte> start)
    {
        if (Text.TextInput.Problem(start, out long line) is { } problem)
        {
            throw new CsvInputException(name, line, null, problem);
        }
    }

    private static CsvTableReader Start(CsvTableReader reader)
    {
        try
        {
            reader.ReadHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The index of a column, or an error that lists the columns the file has.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="setting">The caller's setting that chose the name (<see cref="StanceException.Setting"/> of the error).</param>
    public int RequireColumn(string name, string setting)
    {
        int? index = FindColumn(name);
        if (index is null)
        {
            throw new CsvInputException(Path, 1, name, $"no such column; the columns are: {string.Join(", ", Columns)}") { Setting = setting };
        }

        return index.Value;
    }

    /// <summary>The index of the column with exactly this name, or null.</summary>
    public int? FindColumn(string name) => _index.TryGetValue(name, out int index) ? index : null;

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            if (!ReadRecord())
            {
                return false;
            }

            if (_reader.FieldCount == Columns.Count)
            {
                return true;
            }

            // A blank line in a file of several columns is nothing (in a one-column file it is an empty text).
            if (_reader.FieldCount == 1 && _reader.GetRawSpan(0).Length == 0)
            {
                continue;
            }

            string found = _reader.FieldCount == 1 ? "1 field" : $"{_reader.FieldCount} fields";
            throw new CsvInputException(Path, Line, null, $"the record has {found} where the header has {Columns.Count}");
        }
    }

    private bool ReadRecord()
    {
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            // A quote that is never closed swallows the rest of the file into one record: the quote is the problem to report.
            if (_malformed.TryDequeue(out CsvMalformedRecord malformed) && malformed.RecordNumber <= e.RecordNumber)
            {
                throw Malformed(malformed, ColumnOfUnclosedQuote(malformed));
            }

            throw new CsvInputException(Path, e.LineNumber, null, Describe(e), e);
        }
        catch (DecoderFallbackException e)
        {
            throw new CsvInputException(Path, Line, null, $"the file is not valid text ({e.Message})", e);
        }

        if (!read)
        {
            if (_malformed.TryDequeue(out CsvMalformedRecord pending))
            {
                throw Malformed(pending, pending.Reason == CsvMalformedReason.UnterminatedQuote ? ColumnOfUnclosedQuote(pending) : null);
            }

            return false;
        }

        long recordNumber = _reader.RowNumber + 1;
        while (_malformed.TryPeek(out CsvMalformedRecord malformed) && malformed.RecordNumber <= recordNumber)
        {
            _malformed.Dequeue();
            string? column = malformed.RecordNumber != recordNumber ? null
                : malformed.Reason == CsvMalformedReason.UnterminatedQuote ? ColumnOfUnclosedQuote(malformed) ?? FieldAt(malformed)
                : FieldAt(malformed);
            throw Malformed(malformed, column);
        }

        return true;
    }

    /// <summary>Field <paramref name="index"/> of the current record as a string; invalid UTF-8 or a NUL byte (binary data) is an error.</summary>
    public string GetString(int index)
    {
        if (index >= _reader.FieldCount)
        {
            return string.Empty;
        }

        ReadOnlySpan<byte> bytes = _reader.GetSpan(index);
        if (!Utf8.IsValid(bytes))
        {
            throw new CsvInputException(Path, Line, Columns[index], "invalid UTF-8 bytes; save the file as UTF-8");
        }

        // The first bytes were checked when the file was opened; a NUL further on is refused here, as
        // every other text input refuses it (vectorized: a scan costs nothing beside the parse).
        if (bytes.Contains((byte)0))
        {
            throw new CsvInputException(Path, Line, Columns[index], "binary data (a NUL byte), not text");
        }

        return _reader.GetString(index);
    }

    public void Dispose() => _reader.Dispose();

    private void ReadHeader()
    {
        try
        {
            _reader.ReadHeader();
        }
        catch (CsvFormatException e)
        {
            throw new CsvInputException(Path, Math.Max(1, e.LineNumber), null, Describe(e), e);
        }

        IReadOnlyList<string> headers = _reader.Headers;
        if (headers.Count == 0 || (headers.Count == 1 && string.IsNullOrWhiteSpace(headers[0])))
        {
            throw new CsvInputException(Path, 0, null, "the file is empty; a header row naming the columns is expected");
        }

        if (_malformed.TryDequeue(out CsvMalformedRecord malformed) && malformed.RecordNumber == 1)
        {
            throw Malformed(malformed, null);
        }

        Columns = headers.ToArray();
        if (headers.Count == 1)
        {
            char? other = OtherDelimiters.FirstOrDefault(d => d != Format.Delimiter && headers[0].Contains(d));
            if (other is not null && other != '\0')
            {
                throw new CsvInputException(Path, 1, null, $"the header has a single column '{headers[0]}': the file looks {CsvFormat.Describe(other.Value)}-separated, not {CsvFormat.Describe(Format.Delimiter)}-separated")
                {
                    Setting = nameof(CsvFormat.Delimiter),
                    Suggestion = CsvFormat.OptionValue(other.Value),
                };
            }
        }

        var seen = new Dictionary<string, int>(Columns.Count, StringComparer.Ordinal);
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Columns[i]))
            {
                throw new CsvInputException(Path, 1, null, $"column {i + 1} of the header has no name");
            }

            if (!seen.TryAdd(Columns[i], i))
            {
                throw new CsvInputException(Path, 1, Columns[i], $"the header names this column twice (columns {seen[Columns[i]] + 1} and {i + 1}); column names must be unique");
            }
        }

        _index = seen;
    }

    /// <summary>The header name of the field that holds the malformed byte offset of the current record.</summary>
    private string? FieldAt(CsvMalformedRecord malformed)
    {
        long position = _reader.ByteOffset;
        for (int i = 0; i < _reader.FieldCount; i++)
        {
            position += _reader.GetRawSpan(i).Length;
            if (malformed.ByteOffset <= position || i == _reader.FieldCount - 1)
            {
                return i < Columns.Count ? Columns[i] : $"field {i + 1}";
            }

            position++;
        }

        return null;
    }

    /// <summary>The column whose opening quote is never closed in a malformed record, or null.</summary>
    private string? ColumnOfUnclosedQuote(CsvMalformedRecord record)
    {
        if (record.Reason != CsvMalformedReason.UnterminatedQuote)
        {
            return null;
        }

        // Only for the message: walk the raw record's quoting to find the field the open quote starts.
        int field = 0;
        int quotedField = -1;
        bool inQuotes = false;
        bool justClosed = false;
        bool fieldStart = true;
        foreach (char c in record.RawRecord)
        {
            if (inQuotes)
            {
                inQuotes = c != '"';
                justClosed = !inQuotes;
                continue;
            }

            if (c == '"' && (fieldStart || justClosed))
            {
                // An opening quote, or the second quote of an escaped pair ("").
                inQuotes = true;
                quotedField = fieldStart ? field : quotedField;
            }
            else if (c == Format.Delimiter)
            {
                field++;
                fieldStart = true;
                justClosed = false;
                continue;
            }

            fieldStart = false;
            justClosed = false;
        }

        return inQuotes && quotedField >= 0 && quotedField < Columns.Count ? Columns[quotedField] : null;
    }

    private CsvInputException Malformed(CsvMalformedRecord record, string? column)
    {
        string problem = record.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (a missing closing \"); it would swallow the rest of the file",
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the whole field and double the inner quotes (\"\")",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field; double the inner quotes (\"\")",
            CsvMalformedReason.FieldCountMismatch => "the record has a different number of fields from the header",
            _ => $"malformed record ({record.Reason})",
        };
        return new CsvInputException(Path, record.LineNumber, column, problem);
    }

    [GeneratedRegex(@"has (\d+) fields? but (\d+) were expected")]
    private static partial Regex FieldCount();

    private static string Describe(CsvFormatException e)
    {
        string message = e.Message;
        if (message.Contains("MaxRecordSize", StringComparison.Ordinal))
        {
            return $"a record is longer than {MaxRecordBytes >> 20} MiB, the limit for one CSV record (is a quoted field left open?)";
        }

        // CsvHelper starts its messages with the record and line; the file:line prefix says that already.
        int colon = message.IndexOf("): ", StringComparison.Ordinal);
        Match count = FieldCount().Match(message);
        if (count.Success)
        {
            string found = count.Groups[1].Value == "1" ? "1 field" : $"{count.Groups[1].Value} fields";
            return $"the record has {found} where the header has {count.Groups[2].Value}";
        }

        return colon > 0 ? message[(colon + 3)..].TrimEnd('.') : message.TrimEnd('.');
    }
}
