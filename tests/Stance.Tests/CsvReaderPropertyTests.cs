using FsCheck.Xunit;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>Random damage to a valid CSV file is either read or refused with the project's own error.</summary>
public sealed class CsvReaderPropertyTests : IDisposable
{
    private static readonly byte[] Valid = System.Text.Encoding.UTF8.GetBytes(
        "id,text,stance\n1,\"Talks, now.\",pro-engagement\n2,\"He said \"\"never\"\".\",skeptical\n3,\"two\nlines\",pro-pressure\n4,plain,skeptical\n");

    private static readonly byte[] Interesting = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', 0xFF, 0xC3, 0x00, (byte)';', (byte)' ', (byte)'a'];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Property(MaxTest = 300)]
    public bool Mutated_files_are_read_or_refused_with_a_csv_input_error(int[] positions, byte[] values)
    {
        var bytes = new List<byte>(Valid);
        for (int m = 0; m < Math.Min(positions.Length, values.Length); m++)
        {
            int position = (int)((uint)positions[m] % (uint)(bytes.Count + 1));
            byte value = values[m] % 2 == 0 ? Interesting[values[m] / 2 % Interesting.Length] : values[m];
            switch ((uint)positions[m] % 3)
            {
                case 0 when position < bytes.Count:
                    bytes[position] = value;
                    break;
                case 1:
                    bytes.Insert(position, value);
                    break;
                default:
                    if (position < bytes.Count)
                    {
                        bytes.RemoveAt(position);
                    }

                    break;
            }
        }

        string path = _directory.Write(Guid.NewGuid().ToString("N") + ".csv", bytes.ToArray());
        try
        {
            using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
            int columns = reader.Columns.Count;
            while (reader.Read())
            {
                for (int i = 0; i < columns; i++)
                {
                    _ = reader.GetString(i);
                }
            }

            return true;
        }
        catch (CsvInputException e)
        {
            return e.Message.StartsWith(path, StringComparison.Ordinal) && !e.Message.Contains('\n', StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
