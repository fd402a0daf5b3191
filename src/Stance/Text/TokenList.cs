using System.Runtime.CompilerServices;

namespace Stance.Text;

/// <summary>
/// The tokens of one text, stored in one growing character buffer so that tokenizing many texts
/// with the same list allocates nothing once the buffers are large enough. Not thread-safe: use one
/// per thread.
/// </summary>
internal sealed class TokenList
{
    private char[] _chars = new char[512];
    private int _length;
    private int[] _starts = new int[64];
    private int[] _ends = new int[64];

    // Where the word proper starts, after a negation prefix; equals the token start for other tokens.
    private int[] _wordStarts = new int[64];
    private bool[] _isWord = new bool[64];
    private int[] _sourceStarts = new int[64];
    private int[] _sourceEnds = new int[64];
    private int _count;
    private int _pendingSourceStart;

    private int _pendingStart = -1;
    private int _pendingWordStart;

    public int Count => _count;

    /// <summary>The token as a feature: the word with its negation prefix, or a symbol such as "?".</summary>
    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_starts[index], _ends[index] - _starts[index]);

    /// <summary>The word without its negation prefix (what character n-grams are taken from).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> WordOf(int index) => _chars.AsSpan(_wordStarts[index], _ends[index] - _wordStarts[index]);

    /// <summary>Whether the token is a word (character n-grams are taken from words only).</summary>
    public bool IsWord(int index) => _isWord[index];

    /// <summary>Where the token starts in the text it came from (UTF-16 index).</summary>
    public int SourceStart(int index) => _sourceStarts[index];

    /// <summary>Where the token ends in the text it came from (exclusive).</summary>
    public int SourceEnd(int index) => _sourceEnds[index];

    /// <summary>The word proper of the last token added.</summary>
    public ReadOnlySpan<char> LastWord => WordOf(_count - 1);

    public void Clear()
    {
        _length = 0;
        _count = 0;
        _pendingStart = -1;
    }

    public string[] ToArray()
    {
        var result = new string[_count];
        for (int i = 0; i < _count; i++)
        {
            result[i] = this[i].ToString();
        }

        return result;
    }

    internal void BeginWord(bool negated, int sourceStart)
    {
        _pendingSourceStart = sourceStart;
        _pendingStart = _length;
        _pendingWordStart = _length;
        if (negated)
        {
            foreach (char c in Tokenizer.NegationPrefix)
            {
                Append(c);
            }

            _pendingWordStart = _length;
        }
    }

    internal void Append(char c)
    {
        if (_length - _pendingWordStart >= Tokenizer.MaxTokenLength)
        {
            return;
        }

        if (_length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_length++] = c;
    }

    /// <summary>Appends a run of ASCII letters and digits, lower-cased (and digits folded to 0 when asked).</summary>
    internal void AppendAsciiLower(ReadOnlySpan<char> run, bool foldDigits)
    {
        int room = Tokenizer.MaxTokenLength - (_length - _pendingWordStart);
        if (room <= 0)
        {
            return;
        }

        if (run.Length > room)
        {
            run = run[..room];
        }

        if (_length + run.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + run.Length));
        }

        CopyLowered(run, _chars.AsSpan(_length, run.Length), foldDigits);
        _length += run.Length;
    }

    /// <summary>
    /// Adds a whole word that is one run of ASCII letters and digits of at most
    /// <see cref="Tokenizer.MaxTokenLength"/> characters, as BeginWord, AppendAsciiLower and
    /// EndWord would, in one pass.
    /// </summary>
    internal void AddAsciiWord(ReadOnlySpan<char> run, bool negated, bool foldDigits, int sourceStart)
    {
        int needed = _length + Tokenizer.NegationPrefix.Length + run.Length;
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, needed));
        }

        int start = _length;
        if (negated)
        {
            Tokenizer.NegationPrefix.CopyTo(_chars.AsSpan(start));
            _length += Tokenizer.NegationPrefix.Length;
        }

        int wordStart = _length;
        CopyLowered(run, _chars.AsSpan(wordStart, run.Length), foldDigits);
        _length = wordStart + run.Length;
        Add(start, wordStart, _length, isWord: true, sourceStart, sourceStart + run.Length);
    }

    /// <summary>
    /// Copies a run of ASCII letters and digits lower-cased, digits 1-9 folded to 0 when asked, in
    /// one scalar pass: words are a few letters long, too short for vectorized case mapping to pay.
    /// </summary>
    private static void CopyLowered(ReadOnlySpan<char> run, Span<char> destination, bool foldDigits)
    {
        for (int i = 0; i < run.Length; i++)
        {
            // Setting bit 5 lower-cases an ASCII letter and leaves a digit as it is.
            char c = (char)(run[i] | 0x20);
            if (foldDigits && (uint)(c - '1') <= '9' - '1')
            {
                c = '0';
            }

            destination[i] = c;
        }
    }

    internal void Append(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            Append(c);
        }
    }

    internal bool CurrentWordEndsWith(char c) => _length > _pendingWordStart && _chars[_length - 1] == c;

    internal void RemoveLastChar()
    {
        if (_length > _pendingWordStart)
        {
            _length--;
        }
    }

    /// <summary>Restores the modal verbs that lose letters in contractions: ca(n't), wo(n't), sha(n't).</summary>
    internal void FixNegatedModal()
    {
        ReadOnlySpan<char> word = _chars.AsSpan(_pendingWordStart, _length - _pendingWordStart);
        if (word is "ca")
        {
            Append('n');
        }
        else if (word is "wo")
        {
            _length = _pendingWordStart;
            Append("will");
        }
        else if (word is "sha")
        {
            Append("ll");
        }
    }

    /// <summary>Ends the word begun by <see cref="BeginWord"/>; returns false when it was empty.</summary>
    internal bool EndWord(int sourceEnd)
    {
        int start = _pendingStart;
        _pendingStart = -1;
        if (start < 0 || _length == _pendingWordStart)
        {
            _length = start < 0 ? _length : start;
            return false;
        }

        Add(start, _pendingWordStart, _length, isWord: true, _pendingSourceStart, sourceEnd);
        return true;
    }

    /// <summary>Adds a token derived from the words (an argument cue), spanning the source of the word it came from.</summary>
    internal void AddDerived(string token, int sourceStart, int sourceEnd)
    {
        int start = _length;
        _pendingWordStart = start;
        Append(token);
        Add(start, start, _length, isWord: false, sourceStart, sourceEnd);
    }

    internal void AddSymbol(char symbol, int sourceIndex)
    {
        int start = _length;
        _pendingWordStart = start;
        Append(symbol);
        Add(start, start, _length, isWord: false, sourceIndex, sourceIndex + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int start, int wordStart, int end, bool isWord, int sourceStart, int sourceEnd)
    {
        if (_count == _starts.Length)
        {
            Grow();
        }

        _starts[_count] = start;
        _wordStarts[_count] = wordStart;
        _ends[_count] = end;
        _isWord[_count] = isWord;
        _sourceStarts[_count] = sourceStart;
        _sourceEnds[_count] = sourceEnd;
        _count++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        int size = _count * 2;
        Array.Resize(ref _starts, size);
        Array.Resize(ref _ends, size);
        Array.Resize(ref _wordStarts, size);
        Array.Resize(ref _isWord, size);
        Array.Resize(ref _sourceStarts, size);
        Array.Resize(ref _sourceEnds, size);
    }
}
