using System.Text;

namespace Stance.Cli.Output;

/// <summary>
/// Text from quotes and articles made safe for a terminal: control characters (escape sequences
/// that could set the window title, clear the screen or move the cursor) are shown as visible
/// symbols instead of reaching the terminal. CSV and JSON outputs keep the text as it is.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        if (!NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\t' or '\n' => c,
                '\r' => ' ',
                < ' ' => (char)(0x2400 + c), // the Control Pictures block: ␛ for ESC
                '\u007f' => '\u2421',
                >= '\u0080' and <= '\u009f' => '\uFFFD', // C1 controls (CSI and friends)
                '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') => '\uFFFD', // bidirectional overrides
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (char c in text)
        {
            if (c is (< ' ' and not '\t' and not '\n') or '\u007f' or (>= '\u0080' and <= '\u009f') or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069'))
            {
                return true;
            }
        }

        return false;
    }
}
