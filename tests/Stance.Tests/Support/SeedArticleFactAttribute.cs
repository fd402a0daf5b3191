namespace Stance.Tests.Support;

/// <summary>
/// A fact about the seed article beside the repository (<c>../shared/seed/</c>): skipped, with the
/// reason, where that article is absent, since the repository does not ship it.
/// </summary>
public sealed class SeedArticleFactAttribute : FactAttribute
{
    public SeedArticleFactAttribute()
    {
        if (!File.Exists(Repository.SeedArticle))
        {
            Skip = $"the seed article is not at {Repository.SeedArticle}";
        }
    }
}
