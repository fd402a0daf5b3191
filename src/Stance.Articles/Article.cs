namespace Stance.Articles;

/// <summary>
/// A news article as read from a file, bytes or standard input: its running text for the quote
/// extractor, and what its page (or a manifest) says about it.
/// </summary>
/// <param name="Text">
/// The article's text, paragraphs separated by a blank line. For a saved HTML page, the main text
/// only (no navigation, advertisements, captions, related links, comments or footer), each block
/// (paragraph, heading, list item, quotation) its own paragraph. The headline is in <paramref name="Title"/>.
/// </param>
/// <param name="Title">The headline, from the page's metadata or the manifest; null when neither gives one (plain text).</param>
/// <param name="Date">The publication date as the page writes it (the date part of its timestamp, not converted to another zone), or from the manifest.</param>
/// <param name="Outlet">The publication ("The Harbour Ledger"), from the page's metadata or the manifest.</param>
/// <param name="Source">Where it was read from: the path as given, or <c>-</c> for standard input.</param>
public sealed record Article(string Text, string? Title, DateOnly? Date, string? Outlet, string Source);
