"""What a workshop hands back: the map, the matrix, PDF, XLSX, ICS, Mermaid, text."""
