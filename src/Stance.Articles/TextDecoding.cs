using System.Buffers;
using System.Text.Unicode;

namespace Stance.Articles;

/// <summary>
/// The one rule by which an article's bytes become text: UTF-8, with or without a byte order mark;
/// UTF-16 little or big endian only with its byte order mark. Everything else is refused with the
/// offset of the first offending byte: a NUL byte (binary data, or UTF-16 without a byte order mark,
/// which cannot be told from binary reliably), invalid UTF-8, or malformed UTF-16.
/// </summary>
internal static class TextDecoding
{
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return DecodeUtf8(bytes[3..], 3, source);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeUtf16(bytes[2..], bigEndian: false, source);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeUtf16(bytes[2..], bigEndian: true, source);
        }

        return DecodeUtf8(bytes, 0, source);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int offset, string source)
    {
        // The first offending byte is reported: invalid UTF-8 before the first NUL, else the NUL.
        int nul = bytes.IndexOf((byte)0);
        ReadOnlySpan<byte> text = nul >= 0 ? bytes[..nul] : bytes;
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            OperationStatus status = Utf8.ToUtf16(text, buffer, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status != OperationStatus.Done)
            {
                throw new ArticleFormatException(source, offset + read, $"invalid UTF-8 (byte 0x{text[read]:X2})");
            }

            if (nul >= 0)
            {
                throw new ArticleFormatException(source, offset + nul, "binary data, or UTF-16 text without a byte order mark (a NUL byte)");
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian, string source)
    {
        const int bom = 2;
        if (bytes.Length % 2 != 0)
        {
            throw new ArticleFormatException(source, bom + bytes.Length - 1, "malformed UTF-16 (an odd number of bytes)");
        }

        var chars = new char[bytes.Length / 2];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = bigEndian ? (char)((bytes[2 * i] << 8) | bytes[(2 * i) + 1]) : (char)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
        }

        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c == '\0')
            {
                throw new ArticleFormatException(source, bom + (2 * i), "binary data (a NUL character)");
            }

            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArticleFormatException(source, bom + (2 * i), "malformed UTF-16 (an unpaired surrogate)");
            }
        }

        return new string(chars);
    }
}
