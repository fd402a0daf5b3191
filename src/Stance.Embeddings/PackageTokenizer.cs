using System.Buffers;
using Microsoft.ML.Tokenizers;

namespace Stance.Embeddings;

/// <summary>
/// The word-piece tokenizer of the SentenceTransformers packages, reproduced id for id with
/// Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>. The packages do not tokenize like BERT's
/// reference tokenizer, and their models' embeddings are what this encoder approximates, so their
/// rules are the ones kept:
/// <list type="bullet">
/// <item>Words are split at the space character and at CR LF only (not at tabs or a lone line
/// feed), then at each of the ASCII punctuation characters <c>.,;:\/?!#$%()=+-*"'_`&lt;&gt;&amp;^@{}[]|~</c>
/// and the en dash, which become words of their own; other punctuation (curly quotes, the em dash)
/// stays inside its word.</item>
/// <item>Words are lower-cased (invariant culture) and accents are kept.</item>
/// <item>Words longer than 50 characters are dropped.</item>
/// <item>A word of one or two characters that is not in the vocabulary is <c>[UNK]</c>, even where
/// it could be spelled in word pieces (<c>g7</c>), and a longer word whose spelling fails part-way
/// keeps the pieces found before <c>[UNK]</c> (<c>café</c> is <c>caf [UNK]</c>); BertTokenizer
/// spells the first and replaces the second with a single <c>[UNK]</c>, so both are patched here;
/// and a word of one or two white-space characters (a tab, a no-break space) gives no token.</item>
/// </list>
/// The pre-tokenizer and normalizer of the first three points are handed to BertTokenizer; the
/// fourth is applied to its output, word by word.
/// </summary>
internal sealed class PackageTokenizer
{
    /// <summary>The vocabulary of both packages (the uncased BERT vocabulary).</summary>
    public const int ExpectedVocabularySize = 30_522;

    private const int MaxWordLength = 50;

    private readonly BertTokenizer _bert;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PackageTokenizer(byte[] vocabulary)
    {
        _vocabulary = ReadVocabulary(vocabulary);
        _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        using var stream = new MemoryStream(vocabulary, writable: false);
        _bert = BertTokenizer.Create(stream, new BertOptions
        {
            Normalizer = new InvariantLowerCaseNormalizer(),
            PreTokenizer = new PackagePreTokenizer(),
            SplitOnSpecialTokens = false,
            MaxInputCharsPerWord = MaxWordLength,
        });
        ClassificationId = _bert.ClassificationTokenId;
        SeparatorId = _bert.SeparatorTokenId;
        UnknownId = _bert.UnknownTokenId;
    }

    public int ClassificationId { get; }

    public int SeparatorId { get; }

    public int UnknownId { get; }

    /// <summary>
    /// Writes <c>[CLS]</c>, the text's word pieces and <c>[SEP]</c> to <paramref name="ids"/>; when the
    /// text has more pieces than fit, the first <c>ids.Length - 2</c> are kept and <c>[SEP]</c> still
    /// ends the sequence. Returns the number of ids written.
    /// </summary>
    public int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        if (ids.Length < 2)
        {
            throw new ArgumentException("room for at least [CLS] and [SEP] is needed", nameof(ids));
        }

        int count = 0;
        ids[count++] = ClassificationId;
        int limit = ids.Length - 1;
        if (!text.IsEmpty)
        {
            IReadOnlyList<EncodedToken> tokens = _bert.EncodeToTokens(text, out string? normalized);
            ReadOnlySpan<char> normalizedText = normalized ?? text;
            int start = 0;
            while (start < tokens.Count && count < limit)
            {
                // A word's pieces after the first start with "##"; words never contain '#', which splits them.
                int end = start + 1;
                while (end < tokens.Count && tokens[end].Value.StartsWith("##", StringComparison.Ordinal))
                {
                    end++;
                }

                Range first = tokens[start].Offset;
                Range last = tokens[end - 1].Offset;
                ReadOnlySpan<char> word = normalizedText[first.Start.Value..last.End.Value];
                if (word.Length <= 2 && word.IsWhiteSpace())
                {
                    // The package gives a short word of white space (a tab, a no-break space) no token at all.
                }
                else if (word.Length <= 2 && end - start > 1)
                {
                    ids[count++] = UnknownId;
                }
                else if (end - start == 1 && tokens[start].Id == UnknownId && word.Length > 2)
                {
                    count = SpellLikePackage(word, ids, count, limit);
                }
                else
                {
                    for (int t = start; t < end && count < limit; t++)
                    {
                        ids[count++] = tokens[t].Id;
                    }
                }

                start = end;
            }
        }

        ids[count++] = SeparatorId;
        return count;
    }

    /// <summary>The package's greedy longest-prefix spelling: pieces found before a failure are kept, then <c>[UNK]</c>.</summary>
    private int SpellLikePackage(ReadOnlySpan<char> word, Span<int> ids, int count, int limit)
    {
        Span<char> piece = stackalloc char[MaxWordLength + 2];
        int position = 0;
        while (position < word.Length && count < limit)
        {
            int found = -1;
            int length = word.Length - position;
            for (; length > 0; length--)
            {
                scoped ReadOnlySpan<char> candidate;
                if (position == 0)
                {
                    candidate = word[..length];
                }
                else
                {
                    piece[0] = '#';
                    piece[1] = '#';
                    word.Slice(position, length).CopyTo(piece[2..]);
                    candidate = piece[..(length + 2)];
                }

                if (_lookup.TryGetValue(candidate, out found))
                {
                    break;
                }
            }

            if (length == 0)
            {
                ids[count++] = UnknownId;
                return count;
            }

            ids[count++] = found;
            position += length;
        }

        return count;
    }

    /// <summary>
    /// One entry a line, the line number being the id. The package skips blank lines when it reads
    /// the file, which would shift the ids after one; the shipped vocabularies have none, and one
    /// that had would be refused rather than read two ways.
    /// </summary>
    private static Dictionary<string, int> ReadVocabulary(byte[] vocabulary)
    {
        var entries = new Dictionary<string, int>(ExpectedVocabularySize, StringComparer.Ordinal);
        using var reader = new StreamReader(new MemoryStream(vocabulary, writable: false));
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                throw new InvalidDataException($"the vocabulary has a blank line after entry {entries.Count}");
            }

            entries.TryAdd(line, entries.Count);
        }

        return entries;
    }

    /// <summary>The package lower-cases each word with <see cref="string.ToLower()"/>; Stance runs with invariant globalization, where that is the invariant mapping, one character for one.</summary>
    private sealed class InvariantLowerCaseNormalizer : Normalizer
    {
        public override string Normalize(string original) => original.ToLowerInvariant();

        public override string Normalize(ReadOnlySpan<char> original)
        {
            return string.Create(original.Length, original, static (destination, source) => source.ToLowerInvariant(destination));
        }
    }

    /// <summary>The package's word splitting (see <see cref="PackageTokenizer"/>), as offsets into the normalized text.</summary>
    private sealed class PackagePreTokenizer : PreTokenizer
    {
        private static readonly SearchValues<char> Punctuation = SearchValues.Create(".,;:\\/?!#$%()=+-*\"'–_`<>&^@{}[]|~");

        public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text);

        public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text.ToString());

        private static IEnumerable<(int Offset, int Length)> Split(string text)
        {
            var words = new List<(int Offset, int Length)>();
            ReadOnlySpan<char> span = text;
            int start = 0;
            for (int i = 0; i <= span.Length; i++)
            {
                int separator = i == span.Length || span[i] == ' ' ? 1 : span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n' ? 2 : 0;
                if (separator == 0)
                {
                    continue;
                }

                AddWords(span, start, i, words);
                i += separator - 1;
                start = i + 1;
            }

            return words;
        }

        /// <summary>Splits <c>text[start..end]</c> at punctuation, keeping each punctuation character as a word.</summary>
        private static void AddWords(ReadOnlySpan<char> text, int start, int end, List<(int Offset, int Length)> words)
        {
            int wordStart = start;
            while (wordStart < end)
            {
                int found = text[wordStart..end].IndexOfAny(Punctuation);
                int wordEnd = found < 0 ? end : wordStart + found;
                if (wordEnd > wordStart && wordEnd - wordStart <= MaxWordLength)
                {
                    words.Add((wordStart, wordEnd - wordStart));
                }

                if (found < 0)
                {
                    break;
                }

                words.Add((wordEnd, 1));
                wordStart = wordEnd + 1;
            }
        }
    }
}
