import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Product } from '../../../common/api/products.js';
import { useDeleteProduct, useProducts } from '../../api/admin.js';
import { AdminSection } from './AdminSection.js';
import { ConfirmButton } from './ConfirmButton.js';
import { ProductForm } from './ProductForm.js';

/** The optional product catalogue (orders may also name a product freely). */
export function ProductsTab() {
  const products = useProducts();
  const remove = useDeleteProduct();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = (products.data?.items ?? []).filter(
    (p) => !needle || `${p.code} ${p.name}`.toLowerCase().includes(needle),
  );

  return (
    <AdminSection
      title="Products"
      description="The catalogue offered when planning orders and maturation batches."
      addLabel="Add product"
      addTestId="add-product"
      onAdd={() => setEditing('new')}
      loading={products.isPending}
      error={products.error}
      actions={
        <TextInput
          placeholder="Search code or name"
          aria-label="Search products"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
        />
      }
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((product) => (
            <Table.Tr key={product.id} data-testid={`product-row-${product.code}`}>
              <Table.Td fw={600}>{product.name}</Table.Td>
              <Table.Td ff="monospace">{product.code}</Table.Td>
              <Table.Td>{product.unit}</Table.Td>
              <Table.Td>
                <Badge color={product.active ? 'green' : 'gray'} variant="light">
                  {product.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(product)}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete ${product.name}? Products used by orders can only be deactivated.`}
                    onConfirm={() => remove.mutateAsync(product.id)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown.length === 0 && (
        <Text c="dimmed" p="md">
          {needle ? 'No product matches.' : 'No products yet.'}
        </Text>
      )}
      {products.data?.truncated && (
        <Text c="dimmed" size="sm" p="md">
          Only the first {products.data.items.length} products are listed.
        </Text>
      )}
      {editing !== null && (
        <ProductForm
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </AdminSection>
  );
}
