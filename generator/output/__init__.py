"""The output stage: WeasyPrint layout, the content-addressed cache, the process pool, and the
stages that make a build's PDFs and exports. Above the documents layer, below the adapters."""
