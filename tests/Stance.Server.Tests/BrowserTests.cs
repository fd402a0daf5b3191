using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Stance.Testing;

namespace Stance.Server.Tests;

/// <summary>
/// A fact that needs Debian's chromium and chromium-driver and the seed article: skipped, with the
/// reason, where one is absent (`apt-get install -y chromium chromium-driver`).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Missing is { } missing)
        {
            Skip = missing;
        }
        else if (Repository.SeedArticle is null)
        {
            Skip = "the seed article is not in ../shared/seed/ beside the repository";
        }
    }
}

/// <summary>
/// The page in a real browser: headless Chromium, driven by Selenium through the system
/// chromedriver, against the server on a loopback port. Screenshots are saved under the test
/// output folder (screenshots/), at 1280 and 390 pixels wide.
/// </summary>
public sealed class BrowserTests
{
    [BrowserFact]
    public async Task An_analyst_pastes_the_seed_article_and_sees_statements_speakers_and_labels()
    {
        string article = File.ReadAllText(Repository.SeedArticle!);
        await using WebApplication app = StanceServer.Build(new ServerOptions { ModelPath = Repository.FastModel, Port = 0, WatchModel = false, AccessLog = false });
        await app.StartAsync();
        string address = StanceServer.Addresses(app).Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);

        // What the page should show: the API's own answer.
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        JsonNode expected = (await Api.ReadAsync(await client.PostAsync("/v1/extract", Api.Json(new { article }))))!;
        JsonArray statements = expected["statements"]!.AsArray();
        JsonArray speakers = expected["speakers"]!.AsArray();

        string profile = Directory.CreateTempSubdirectory("stance-chromium-").FullName;
        string screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        try
        {
            using ChromeDriver driver = StartBrowser(profile);
            driver.Manage().Window.Size = new System.Drawing.Size(1280, 1000);
            driver.Navigate().GoToUrl(address + "/");
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
            wait.Until(d => d.FindElement(By.Id("model")).Text.Contains("generation", StringComparison.Ordinal));

            // Paste the article (set it as a paste would, rather than typing 8,000 characters), submit with the keyboard.
            IWebElement input = driver.FindElement(By.Id("input"));
            driver.ExecuteScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", input, article);
            input.SendKeys(Keys.Control + Keys.Enter);
            wait.Until(d => d.FindElements(By.CssSelector("#statements li.statement")).Count == statements.Count);

            IReadOnlyList<IWebElement> cards = driver.FindElements(By.CssSelector("#statements li.statement"));
            for (int i = 0; i < statements.Count; i++)
            {
                string card = cards[i].Text;
                Assert.Contains((string)statements[i]!["speaker"]!, card, StringComparison.Ordinal);
                if (statements[i]!["stance"] is JsonNode stance)
                {
                    Assert.Contains((string)stance!, card, StringComparison.Ordinal);
                    Assert.Contains((string)statements[i]!["sentiment"]!, card, StringComparison.Ordinal);
                }
            }

            IReadOnlyList<IWebElement> rows = driver.FindElements(By.CssSelector("#speakers tbody tr"));
            Assert.Equal(speakers.Count, rows.Count);
            for (int i = 0; i < speakers.Count; i++)
            {
                Assert.Contains((string)speakers[i]!["speaker"]!, rows[i].Text, StringComparison.Ordinal);
            }

            // Every statement is highlighted in the article, coloured by its stance.
            IReadOnlyList<IWebElement> marks = driver.FindElements(By.CssSelector("#article mark"));
            Assert.Equal(statements.Count, marks.Select(m => m.GetAttribute("data-index")).Distinct().Count());
            Assert.Contains($"{statements.Count} statements by {speakers.Count} speakers", driver.FindElement(By.Id("status")).Text, StringComparison.Ordinal);
            Assert.True(driver.FindElement(By.Id("download")).Enabled);
            Save(driver, Path.Combine(screenshots, "page-1280.png"));

            // Clicking a highlight brings its statement forward.
            marks[0].Click();
            wait.Until(d => d.FindElement(By.CssSelector("#statements li.statement.active")) is not null);

            // At phone width the page still shows everything in one column, without a horizontal scroll bar.
            driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
            long overflow = (long)driver.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")!;
            Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px window");
            Save(driver, Path.Combine(screenshots, "page-390.png"));

            // Quotes, one per line.
            driver.Manage().Window.Size = new System.Drawing.Size(1280, 1000);
            driver.FindElement(By.Id("mode-quotes")).Click();
            driver.ExecuteScript("arguments[0].value = arguments[1];", input, "Keep the channels open.\nSanctions relief must wait for verified dismantlement.");
            driver.FindElement(By.Id("analyze")).Click();
            wait.Until(d => d.FindElement(By.Id("status")).Text.StartsWith("2 quotes classified", StringComparison.Ordinal));
            Assert.Equal(2, driver.FindElements(By.CssSelector("#statements li.statement")).Count);
        }
        finally
        {
            TryDelete(profile);
        }
    }

    private static ChromeDriver StartBrowser(string profile) => HeadlessChromium.Start(profile, "--window-size=1280,1000");

    /// <summary>A screenshot of the whole page: the window is made as tall as the page (headless windows may be), then put back.</summary>
    private static void Save(ChromeDriver driver, string path)
    {
        System.Drawing.Size size = driver.Manage().Window.Size;
        long height = (long)driver.ExecuteScript("return document.documentElement.scrollHeight;")!;
        driver.Manage().Window.Size = new System.Drawing.Size(size.Width, (int)Math.Clamp(height + 140, size.Height, 6000));
        driver.GetScreenshot().SaveAsFile(path);
        driver.Manage().Window.Size = size;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be closing its files; the temporary folder is cleaned later.
        }
    }
}
