using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Stance.Cli.Commands;

/// <summary>Validators attached to options, so that a bad value is a usage error reported before any work.</summary>
internal static class Validate
{
    /// <summary>The value must be in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            T value = result.GetValueOrDefault<T>();
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            {
                result.AddError($"{option.Name} must be between {Show(min)} and {Show(max)} (got {Show(value)})");
            }
        });
        return option;
    }

    /// <summary>The value must be at least <paramref name="min"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<T>().CompareTo(min) < 0)
            {
                result.AddError($"{option.Name} must be at least {Show(min)} (got {Show(result.GetValueOrDefault<T>())})");
            }
        });
        return option;
    }

    /// <summary>The value must be one ASCII character other than a quote or a line break, or <c>tab</c>.</summary>
    public static Option<string> IsDelimiter(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            string? value = result.Tokens.Count == 0 ? null : result.GetValueOrDefault<string>();
            if (value is not null && CommonOptions.TryParseDelimiter(value) is null)
            {
                result.AddError($"{option.Name} must be one ASCII character other than a quote or a line break (or 'tab'), not '{value}'");
            }
        });
        return option;
    }

    /// <summary>
    /// The value must be a place a file can be written: its directory exists, it is not a
    /// directory, and its name leaves room for the temporary suffix (or <c>-</c> for standard output).
    /// </summary>
    public static TOption IsWritablePath<TOption>(this TOption option, CliConsole console)
        where TOption : Option
    {
        option.Validators.Add(result => CheckWritable(result, option.Name, console));
        return option;
    }

    private static void CheckWritable(OptionResult result, string name, CliConsole console)
    {
        foreach (Token token in result.Tokens)
        {
            if (token.Value == "-")
            {
                continue;
            }

            if (IO.Files.OutputTarget.Problem(console.Resolve(token.Value)) is { } problem)
            {
                result.AddError($"{name} {token.Value}: {problem}");
            }
        }
    }

    private static string Show<T>(T value) => value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? string.Empty;
}
