namespace Stance.Extraction;

/// <summary>A person (or body) the article names, with what it tells about them.</summary>
/// <param name="order">Its place among the people of the article, in the order the registry met them.</param>
internal sealed class Person(string name, bool isOrganization, int order)
{
    public string Name { get; } = name;

    public int Order { get; } = order;

    public string[] Words { get; } = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsOrganization { get; } = isOrganization;

    /// <summary>The first role the article gives them.</summary>
    public string? Role { get; set; }

    public Gender Gender { get; set; }

    public void Learn(NameMention mention)
    {
        Role ??= mention.Role;
        if (Gender == Gender.Unknown)
        {
            Gender = mention.Gender;
        }
    }
}

/// <summary>Who made a statement: one person, several jointly, or an unnamed source ("a senior official").</summary>
internal sealed record Speaker(IReadOnlyList<Person> People, string? UnnamedSource = null)
{
    public string Name => UnnamedSource ?? People.Count switch
    {
        1 => People[0].Name,
        _ => string.Join(", ", People.Take(People.Count - 1).Select(p => p.Name)) + " and " + People[^1].Name,
    };

    public bool IsSinglePerson => People.Count == 1 && !People[0].IsOrganization;

    public bool SameAs(Speaker other) => UnnamedSource == other.UnnamedSource && People.SequenceEqual(other.People);

    /// <summary>The role to report: the one given where the statement is attributed, else the one given before; for joint speakers each one's role after their name.</summary>
    public string? Role(string? attributionRole)
    {
        if (People.Count == 1)
        {
            return attributionRole ?? People[0].Role;
        }

        var roles = People.Where(p => p.Role is not null).Select(p => $"{p.Name} ({p.Role})").ToList();
        return roles.Count > 0 ? string.Join("; ", roles) : attributionRole;
    }
}
