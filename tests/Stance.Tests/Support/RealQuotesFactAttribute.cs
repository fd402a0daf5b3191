namespace Stance.Tests.Support;

/// <summary>
/// A fact about the real-quote dev set beside the repository (<c>../shared/benchmarks/realquotes-dev/</c>):
/// skipped, with the reason, where it is absent, since the repository must not ship it.
/// </summary>
public sealed class RealQuotesFactAttribute : FactAttribute
{
    public RealQuotesFactAttribute()
    {
        if (Repository.RealQuotesDev is null)
        {
            Skip = "the real-quote dev set is not at ../shared/benchmarks/realquotes-dev/quotes.csv";
        }
    }
}
