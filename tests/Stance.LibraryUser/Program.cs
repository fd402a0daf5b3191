using System.Text;
using System.Text.Json;
using Stance;
using Stance.Serialization;

// usage: Stance.LibraryUser MODEL < quotes.txt   (one quote per line; one JSON object per line out)
using StanceClassifier classifier = StanceClassifier.Load(args[0]);
var lines = new List<string>();
while (Console.ReadLine() is { } line)
{
    lines.Add(line);
}

using var buffer = new MemoryStream();
foreach ((string text, Classification result) in lines.Zip(classifier.ClassifyMany(lines)))
{
    buffer.SetLength(0);
    using (var json = new Utf8JsonWriter(buffer))
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        ClassificationJson.WriteProperties(json, classifier.Heads, result);
        json.WriteEndObject();
    }

    Console.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
}
