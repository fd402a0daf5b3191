using System.Runtime.InteropServices;
using Onnx;

namespace Stance.Embeddings;

/// <summary>
/// Reads the float32 weights of a Hugging Face BERT encoder exported to ONNX (the graphs the
/// SentenceTransformers packages ship). Biases and layer norms keep their PyTorch names in these
/// exports; the matrix products' weights are renamed by the exporter (<c>927</c>,
/// <c>onnx::MatMul_788</c>), so each is found through the bias its product's output is added to.
/// </summary>
internal static class OnnxBertReader
{
    private const float LayerNormEpsilon = 1e-12f;

    public static BertWeights Read(Stream onnxModel)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(onnxModel);
        GraphProto graph = model.Graph;
        Dictionary<string, TensorProto> tensors = graph.Initializer.ToDictionary(t => t.Name);
        Dictionary<string, NodeProto> producers = [];
        foreach (NodeProto node in graph.Node)
        {
            foreach (string output in node.Output)
            {
                producers[output] = node;
            }

            if (node.OpType == "Constant" && node.Attribute.Count == 1 && node.Attribute[0].T is { } constant)
            {
                tensors.TryAdd(node.Output[0], constant);
            }
        }

        // weight name (the bias name with ".weight") -> matrix, through "Add(bias, MatMul(x, W))".
        Dictionary<string, TensorProto> matrices = [];
        foreach (NodeProto add in graph.Node.Where(n => n.OpType == "Add" && n.Input.Count == 2))
        {
            string? bias = add.Input.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && tensors.ContainsKey(i));
            string? product = add.Input.FirstOrDefault(i => i != bias);
            if (bias is null || product is null
                || !producers.TryGetValue(product, out NodeProto? matMul) || matMul.OpType != "MatMul"
                || !tensors.TryGetValue(matMul.Input[1], out TensorProto? weight) || weight.Dims.Count != 2)
            {
                continue;
            }

            matrices[bias[..^".bias".Length] + ".weight"] = weight;
        }

        CheckLayerNormEpsilon(graph, tensors);

        float[] word = Floats(tensors, "embeddings.word_embeddings.weight", out long[] wordDims);
        float[] position = Floats(tensors, "embeddings.position_embeddings.weight", out long[] positionDims);
        float[] tokenType = Floats(tensors, "embeddings.token_type_embeddings.weight", out _);
        int hidden = (int)wordDims[1];
        int layerCount = 0;
        while (tensors.ContainsKey($"encoder.layer.{layerCount}.attention.self.query.bias"))
        {
            layerCount++;
        }

        if (layerCount == 0)
        {
            throw new InvalidDataException("the ONNX graph has no encoder layers named encoder.layer.N");
        }

        var layers = new LayerWeights[layerCount];
        int intermediate = 0;
        for (int l = 0; l < layerCount; l++)
        {
            string p = $"encoder.layer.{l}.";
            float[] Matrix(string name, int rows, int columns)
            {
                if (!matrices.TryGetValue(p + name + ".weight", out TensorProto? tensor))
                {
                    throw new InvalidDataException($"the ONNX graph has no matrix product feeding {p}{name}.bias");
                }

                if (tensor.Dims.Count != 2 || tensor.Dims[0] != rows || tensor.Dims[1] != columns)
                {
                    throw new InvalidDataException($"{p}{name}: expected [{rows}, {columns}], found [{string.Join(", ", tensor.Dims)}]");
                }

                return FloatsOf(tensor, p + name);
            }

            float[] Vector(string name) => Floats(tensors, p + name, out _);

            float[] intermediateBias = Vector("intermediate.dense.bias");
            intermediate = intermediateBias.Length;
            layers[l] = new LayerWeights
            {
                Query = Matrix("attention.self.query", hidden, hidden),
                QueryBias = Vector("attention.self.query.bias"),
                Key = Matrix("attention.self.key", hidden, hidden),
                KeyBias = Vector("attention.self.key.bias"),
                Value = Matrix("attention.self.value", hidden, hidden),
                ValueBias = Vector("attention.self.value.bias"),
                AttentionOutput = Matrix("attention.output.dense", hidden, hidden),
                AttentionOutputBias = Vector("attention.output.dense.bias"),
                AttentionNormWeight = Vector("attention.output.LayerNorm.weight"),
                AttentionNormBias = Vector("attention.output.LayerNorm.bias"),
                Intermediate = Matrix("intermediate.dense", hidden, intermediate),
                IntermediateBias = intermediateBias,
                Output = Matrix("output.dense", intermediate, hidden),
                OutputBias = Vector("output.dense.bias"),
                OutputNormWeight = Vector("output.LayerNorm.weight"),
                OutputNormBias = Vector("output.LayerNorm.bias"),
            };
        }

        return new BertWeights
        {
            Hidden = hidden,
            Intermediate = intermediate,
            Heads = AttentionHeads(graph, tensors, hidden),
            MaxPositions = (int)positionDims[0],
            VocabularySize = (int)wordDims[0],
            WordEmbeddings = word,
            PositionEmbeddings = position,
            TokenTypeEmbedding = tokenType[..hidden],
            EmbeddingNormWeight = Floats(tensors, "embeddings.LayerNorm.weight", out _),
            EmbeddingNormBias = Floats(tensors, "embeddings.LayerNorm.bias", out _),
            Layers = layers,
        };
    }

    /// <summary>
    /// The head count, from the first reshape of the query to <c>[batch, sequence, heads, head size]</c>
    /// (its last two dimensions are constants of the graph).
    /// </summary>
    private static int AttentionHeads(GraphProto graph, Dictionary<string, TensorProto> tensors, int hidden)
    {
        foreach (NodeProto concat in graph.Node.Where(n => n.OpType == "Concat" && n.Input.Count == 4))
        {
            if (tensors.TryGetValue(concat.Input[2], out TensorProto? heads) && tensors.TryGetValue(concat.Input[3], out TensorProto? size))
            {
                long h = Int64(heads);
                long s = Int64(size);
                if (h > 0 && s > 0 && h * s == hidden)
                {
                    return (int)h;
                }
            }
        }

        throw new InvalidDataException("the attention head count was not found in the ONNX graph");
    }

    /// <summary>The encoder below assumes the layer norms' epsilon of BERT; a graph with another one is refused.</summary>
    private static void CheckLayerNormEpsilon(GraphProto graph, Dictionary<string, TensorProto> tensors)
    {
        foreach (NodeProto sqrt in graph.Node.Where(n => n.OpType == "Sqrt"))
        {
            NodeProto? add = graph.Node.FirstOrDefault(n => n.Output.Contains(sqrt.Input[0]));
            if (add?.OpType != "Add")
            {
                continue;
            }

            foreach (string input in add.Input)
            {
                if (tensors.TryGetValue(input, out TensorProto? epsilon) && FloatsOf(epsilon, input) is [float value] && value != LayerNormEpsilon)
                {
                    throw new InvalidDataException($"a layer norm of the ONNX graph has epsilon {value}, not {LayerNormEpsilon}");
                }
            }
        }
    }

    private static float[] Floats(Dictionary<string, TensorProto> tensors, string name, out long[] dims)
    {
        if (!tensors.TryGetValue(name, out TensorProto? tensor))
        {
            throw new InvalidDataException($"the ONNX graph has no tensor {name}");
        }

        dims = [.. tensor.Dims];
        return FloatsOf(tensor, name);
    }

    private static float[] FloatsOf(TensorProto tensor, string name)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"{name} is not float32 (ONNX type {tensor.DataType})");
        }

        return tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];
    }

    private static long Int64(TensorProto tensor) => tensor.DataType switch
    {
        (int)TensorProto.Types.DataType.Int64 when tensor.RawData.Length == 8 => MemoryMarshal.Read<long>(tensor.RawData.Span),
        (int)TensorProto.Types.DataType.Int64 when tensor.Int64Data.Count == 1 => tensor.Int64Data[0],
        _ => -1,
    };
}
