using System.Text.RegularExpressions;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// Every word list of the quote extractor lives in <c>Lexicon</c>: no other source file of
/// src/Stance.Extraction writes a vocabulary inline, so a reader finds every word a rule rests on in
/// one place. The check scans the sources (comments and character literals left out).
/// </summary>
public sealed partial class LexiconTests
{
    private static readonly string Sources = Path.Combine(Repository.Root, "src", "Stance.Extraction");

    [Fact]
    public void No_source_file_but_Lexicon_writes_a_word_list_inline()
    {
        string[] files = Directory.GetFiles(Sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(f => Path.GetFileName(f) != "Lexicon.cs")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length > 10, "the extractor's sources were not found under " + Sources);

        var found = files
            .SelectMany(file => WordLists(File.ReadAllText(file)).Select(list => $"{Path.GetRelativePath(Sources, file)}: {list}"))
            .ToList();

        Assert.True(found.Count == 0, "word lists outside Lexicon:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("private static readonly string[] Verbs = [\"said\", \"told\"];")]
    [InlineData("var openers = new[] { \"while\", \"when\" };")]
    [InlineData("var set = new HashSet<string> { \"a\", \"an\" };")]
    [InlineData("bool told = word.Is(\"told\") || word.Is(\"tells\");")]
    [InlineData("if (t[r].Is(\"me\") || t[r].Is(\"us\")) { }")]
    [InlineData("if (!t[i].Is(\"and\") && !t[i].Is(\"to\")) { }")]
    [InlineData("bool article = word is \"the\" or \"a\";")]
    [InlineData("return Set(\"he\", \"she\");")]
    public void The_check_finds_a_word_list_written_inline(string code)
    {
        Assert.NotEmpty(WordLists(code));
    }

    [Theory]
    [InlineData("if (word.Is(\"according\") && t[i + 1].Is(\"to\")) { }")]
    [InlineData("return string.Join(\", \", roles);")]
    [InlineData("return $\"{title}, {appositive}\";")]
    [InlineData("bool mark = c is '\"' or '\\u201C';")]
    [InlineData("// a comment naming \"said\", \"told\"")]
    [InlineData("if (t.In(Lexicon.SpeechVerbs) || t.Is(\"that\")) { }")]
    public void The_check_leaves_single_keywords_and_phrases_alone(string code)
    {
        Assert.Empty(WordLists(code));
    }

    /// <summary>The word lists written in <paramref name="code"/>: two or more string literals in a list, an alternation of one token's <c>Is("…")</c>, or a string pattern with <c>or</c>.</summary>
    private static List<string> WordLists(string code)
    {
        string stripped = CharLiteral().Replace(Comment().Replace(code, string.Empty), "'c'");
        return [.. LiteralList().Matches(stripped).Select(m => m.Value), .. IsAlternation().Matches(stripped).Select(m => m.Value), .. StringPattern().Matches(stripped).Select(m => m.Value)];
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"'(?:[^'\\\n]|\\[^\n]+?)'")]
    private static partial Regex CharLiteral();

    /// <summary>"said", "told": two string literals side by side in a collection, an array or an argument list.</summary>
    [GeneratedRegex(@"(?<![$@])""(?:[^""\\\n]|\\.)*""\s*,\s*(?<![$@])""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex LiteralList();

    /// <summary>x.Is("a") || x.Is("b"), !x.Is("a") &amp;&amp; !x.Is("b"): one token compared with several words.</summary>
    [GeneratedRegex(@"(?<r>\b[A-Za-z_]\w*(?:\[[^\]\n]*\])?)\.Is\(""[^""\n]*""\)\)?\s*(?:\|\||&&)\s*\(?!?\k<r>\.Is\(""")]
    private static partial Regex IsAlternation();

    /// <summary>is "a" or "b": a string pattern over several words.</summary>
    [GeneratedRegex(@"\bis\s+(?:not\s+)?\(?\s*""[^""\n]*""\s+or\s+""")]
    private static partial Regex StringPattern();
}
