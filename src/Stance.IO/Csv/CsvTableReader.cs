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
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            TrackLineNumbers = true,
            OnMalformedRecord = record => _malformed.Enqueue(record),
        };
        _reader = stream is null ? CsvReader.FromFile(path, options) : CsvReader.Create(stream, options, leaveOpen: true);
    }

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

        return Start(new CsvTableReader(path, format, null));
    }

    /// <summary>Reads CSV from a stream (standard input, say), named <paramref name="name"/> in errors; the stream stays open.</summary>
    /// <exception cref="CsvInputException">The input is empty or its header is unusable.</exception>
    public static CsvTableReader Open(Stream stream, string name, CsvFormat format) => Start(new CsvTableReader(name, format, stream));

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
    public int? FindColumn(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            // A quote that is never closed swallows the rest of the file into one record, which
            // then also has too few fields: the quote is the problem to report.
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
                throw Malformed(pending, null);
            }

            return false;
        }

        long recordNumber = _reader.RowNumber + 1;
        while (_malformed.TryPeek(out CsvMalformedRecord malformed) && malformed.RecordNumber <= recordNumber)
        {
            _malformed.Dequeue();
            throw Malformed(malformed, malformed.RecordNumber == recordNumber ? FieldAt(malformed) : null);
        }

        return true;
    }

    /// <summary>Field <paramref name="index"/> of the current record as a string; invalid UTF-8 is an error.</summary>
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

        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Columns[i]))
            {
                throw new CsvInputException(Path, 1, null, $"column {i + 1} of the header has no name");
            }

            for (int j = 0; j < i; j++)
            {
                if (Columns[j] == Columns[i])
                {
                    throw new CsvInputException(Path, 1, Columns[i], $"the header names this column twice (columns {j + 1} and {i + 1}); column names must be unique");
                }
            }
        }
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
