import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ReactNode, useId, useState } from 'react';

/** The data behind a chart, as a table. */
export interface ChartData {
  columns: string[];
  rows: string[][];
}

/**
 * A chart with its title, a one-sentence text alternative, and a toggle that
 * shows the same data as a table (for screen readers, keyboard users and
 * anyone who wants the numbers).
 */
export function ChartFigure(props: {
  title: string;
  /** One-sentence text alternative of the chart. */
  summary: string;
  data: ChartData;
  /** Renders the drawing; receives the ids to label it with. */
  children: (ids: { titleId: string; summaryId: string }) => ReactNode;
}) {
  const { title, summary, data, children } = props;
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const tableId = `${id}-table`;
  const [showTable, setShowTable] = useState(false);
  return (
    <Box component="figure" sx={{ m: 0 }}>
      <Typography component="figcaption" variant="subtitle2" id={titleId}>
        {title}
      </Typography>
      {children({ titleId, summaryId })}
      <Typography
        id={summaryId}
        variant="caption"
        color="text.secondary"
        component="p"
        sx={{ mt: 0.5, mb: 0 }}
      >
        {summary}
      </Typography>
      <Button
        size="small"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable(open => !open)}
      >
        {showTable ? 'Hide data table' : 'Show data table'}
      </Button>
      <Box id={tableId} hidden={!showTable} sx={{ overflowX: 'auto' }}>
        {showTable && (
          <Table size="small" aria-label={`${title} (data)`}>
            <TableHead>
              <TableRow>
                {data.columns.map(column => (
                  <TableCell key={column} component="th" scope="col">
                    {column}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((row, rowIndex) => (
                <TableRow key={rowIndex}>
                  {row.map((cell, cellIndex) =>
                    cellIndex === 0 ? (
                      <TableCell key={cellIndex} component="th" scope="row">
                        {cell}
                      </TableCell>
                    ) : (
                      <TableCell key={cellIndex}>{cell}</TableCell>
                    ),
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
