"""Reading and writing files: the exchange file (writing, reading, identity), JSON text, the budget
workbook reader, grid paste."""
